import type { RecordedEvent } from '@frm/event-store';
import type { ProjectionSchema, SqlStatement } from '@frm/projections';
import { admitPlannedSql } from '../delivery/delivery-log';

export const NOTIFICATION_KINDS = {
  statusChanged: 'NOTIFICATION_KIND_STATUS_CHANGED',
  shipped: 'NOTIFICATION_KIND_SHIPPED',
  comment: 'NOTIFICATION_KIND_COMMENT',
  webhookDisabled: 'NOTIFICATION_KIND_WEBHOOK_DISABLED',
} as const;

/** The key of each kind's channels in a person's preferences (the jsonb of the `preferences` table). */
const PREFERENCE_KEYS: Record<string, string> = {
  [NOTIFICATION_KINDS.statusChanged]: 'statusChanged',
  [NOTIFICATION_KINDS.shipped]: 'shipped',
  [NOTIFICATION_KINDS.comment]: 'comments',
};

/** The consent that e-mail about followed requests needs: withdrawing it stops that mail. */
export const EMAIL_CONSENT_PURPOSE = 'SUBJECT_CONSENT_PURPOSE_PRODUCT_UPDATES';

export interface Notice {
  readonly featureRequestId: string;
  /** Whoever made the change: they are not told of their own act, and the note is theirs (erased with them). */
  readonly actorId: string;
  readonly kind: string;
  readonly from: string;
  readonly to: string;
  readonly note: string;
}

/**
 * The statements that tell the followers of a request (at this point of the history) about an
 * event: an inbox entry for those who want it in the app, and a plan of the e-mail (or digest
 * lines) for those who want it by mail, have an address and have not withdrawn the consent: one
 * row naming them all, which {@link expandPlansStatements} turns into deliveries right after the
 * batch commits, so the inbox does not wait for them. Ids derive from the event, the recipient and
 * the channel, so a replay or a rebuild plans the same deliveries once.
 */
export function noticeStatements(recorded: RecordedEvent, schema: ProjectionSchema, notice: Notice, recipients: RecipientsQuery): SqlStatement[] {
  const prefKey = PREFERENCE_KEYS[notice.kind] ?? 'statusChanged';
  const at = occurredAt(recorded);
  const inbox: SqlStatement = {
    sql: `insert into ${schema.table('notifications')} (id, recipient_id, feature_request_id, kind, from_status, to_status, note, note_author_id, occurred_at)
          select md5($1 || '/' || x.subject_id)::uuid, x.subject_id, $2, $3, $4, $5, $6, case when $6 = '' then '' else $8 end, $7
          from (${recipients.sql(8)}) x
          left join ${schema.table('preferences')} p on p.recipient_id = x.subject_id
          where coalesce((p.preferences -> '${prefKey}' ->> 'inApp')::boolean, true)
          on conflict (id) do nothing`,
    params: [recorded.id, notice.featureRequestId, notice.kind, notice.from, notice.to, notice.note, at, notice.actorId, ...recipients.params],
  };
  const digestOff = `coalesce(p.preferences ->> 'digest', 'DIGEST_FREQUENCY_OFF') in ('DIGEST_FREQUENCY_OFF', 'DIGEST_FREQUENCY_UNSPECIFIED')`;
  const mail: SqlStatement = {
    sql: `insert into ${schema.table('fan_out_plans')} (event_id, event_type, feature_request_id, kind, from_status, to_status, note, note_author_id, occurred_at, email_to, digest_to)
          select $1::uuid, $8, $2, $3, $4, $5, $6, case when $6 = '' then '' else $9 end, $7,
                 coalesce(array_agg(x.subject_id order by x.subject_id) filter (where ${digestOff}), '{}'),
                 coalesce(array_agg(x.subject_id order by x.subject_id) filter (where not ${digestOff}), '{}')
          from (${recipients.sql(9)}) x
          join ${schema.table('preferences')} p on p.recipient_id = x.subject_id
          where (p.preferences -> '${prefKey}' ->> 'email')::boolean
            and coalesce(p.preferences ->> 'emailAddress', '') <> ''
            and not exists (select 1 from ${schema.table('consents')} c
                            where c.subject_id = x.subject_id and c.purpose = '${EMAIL_CONSENT_PURPOSE}' and not c.granted)
          having count(*) > 0`,
    params: [recorded.id, notice.featureRequestId, notice.kind, notice.from, notice.to, notice.note, at, recorded.type, notice.actorId, ...recipients.params],
  };
  return [inbox, mail];
}

/** A query of `subject_id`s; its parameters are numbered after the `offset` ones of the statement it joins. */
export interface RecipientsQuery {
  sql(offset: number): string;
  readonly params: readonly unknown[];
}

/** Everyone who follows the request now, except whoever made the change. */
export function followersOf(schema: ProjectionSchema, featureRequestId: string, actorId: string): RecipientsQuery {
  return {
    sql: (offset) => `select f.subject_id from ${schema.table('followers')} f
          where f.feature_request_id = $${offset + 1} and coalesce(f.choice, f.auto) and f.subject_id <> $${offset + 2}`,
    params: [featureRequestId, actorId],
  };
}

/** The request's author, while they follow their request and did not write the comment themself. */
export function authorOf(schema: ProjectionSchema, featureRequestId: string, commenterId: string): RecipientsQuery {
  return {
    sql: (offset) => `select r.author_id as subject_id from ${schema.table('requests')} r
          join ${schema.table('followers')} f on f.feature_request_id = r.id and f.subject_id = r.author_id
          where r.id = $${offset + 1} and coalesce(f.choice, f.auto) and r.author_id <> $${offset + 2}`,
    params: [featureRequestId, commenterId],
  };
}

/**
 * The plan of one delivery to each enabled webhook that takes this event type, carrying the
 * request's status after the event (read from `requests`, so this statement comes after the status
 * update); expanded with the rest ({@link expandPlansStatements}).
 */
export function webhookPlan(recorded: RecordedEvent, schema: ProjectionSchema, featureRequestId: string): SqlStatement {
  return {
    sql: `insert into ${schema.table('fan_out_plans')} (event_id, event_type, feature_request_id, occurred_at, webhook_ids, webhook_status)
          select $1::uuid, $2, $3::uuid, $4, array_agg(w.id order by w.id), coalesce((select r.status from ${schema.table('requests')} r where r.id = $3::uuid), '')
          from ${schema.table('webhooks')} w
          where w.enabled and (cardinality(w.event_types) = 0 or $2 = any(w.event_types))
          having count(*) > 0`,
    params: [recorded.id, recorded.type, featureRequestId, occurredAt(recorded)],
  };
}

/**
 * The read model's follow-up, one statement: every plan noted by the batches so far is taken (and
 * deleted), becomes its deliveries (one per recipient and channel) and enters the delivery log,
 * which outlives rebuilds of this read model, in the order the plans were noted, which is the order
 * of their events. A delivery already in the log (planned again by a rebuild) keeps its state
 * there: nothing is sent twice.
 */
export function expandPlansStatements(schema: ProjectionSchema, deliveryLogSchema: string): SqlStatement[] {
  return [
    {
      sql: `with plans as (
              delete from ${schema.table('fan_out_plans')} returning *
            ), planned as (
              select p.seq, p.event_id, p.event_type, p.feature_request_id, p.occurred_at, d.id, d.channel, d.recipient_id,
                     d.kind, d.from_status, d.to_status, d.note, d.note_author_id
              from plans p
              cross join lateral (
                select md5(p.event_id::text || '/mail/' || m.recipient_id)::uuid as id, m.channel, m.recipient_id,
                       p.kind, p.from_status, p.to_status, p.note, p.note_author_id
                from (select unnest(p.email_to) as recipient_id, 'email' as channel
                      union all select unnest(p.digest_to), 'digest') m
                union all
                select md5(p.event_id::text || '/webhook/' || w.id::text)::uuid, 'webhook', w.id::text, '', '', p.webhook_status, '', ''
                from unnest(p.webhook_ids) as w(id)
              ) d
            ), written as (
              insert into ${schema.table('deliveries')} (id, channel, recipient_id, event_id, event_type, feature_request_id, kind, from_status, to_status, note, note_author_id, occurred_at)
              select id, channel, recipient_id, event_id, event_type, feature_request_id, kind, from_status, to_status, note, note_author_id, occurred_at from planned
              on conflict (id) do nothing
            )
            ${admitPlannedSql(deliveryLogSchema)}`,
    },
  ];
}

export function occurredAt(recorded: RecordedEvent): string {
  const value = recorded.data['occurredAt'];
  return typeof value === 'string' ? value : recorded.recordedAt.toISOString();
}
