import { frmEventsV1, fromStoredEventJson } from '@frm/contracts';
import type { RecordedEvent } from '@frm/event-store';
import { ERASED } from '@frm/pii';
import { defineProjection, ProjectionRegistry, type ProjectionSchema, type SqlStatement } from '@frm/projections';
import { DEFAULT_DELIVERY_LOG_SCHEMA, deliveryLogSchemaSql, suppressRecipientSql } from '../delivery/delivery-log';
import { decodeFollowEvent } from '../following/follow-event.codec';
import { preferencesOfEvent } from '../preferences/preferences-event.codec';
import { foldedStatements } from './notifications.batch';
import { authorOf, expandPlansStatements, followersOf, NOTIFICATION_KINDS, noticeStatements, occurredAt, webhookPlan, type Notice } from './fan-out.statements';

export { NOTIFICATION_KINDS } from './fan-out.statements';

const FEATURE_REQUEST = 'frm.events.v1.FeatureRequest';
export const RECIPIENT_EVENT_PREFIX = 'frm.events.v1.Recipient';
export const WEBHOOK_EVENT_PREFIX = 'frm.events.v1.Webhook';
const CONSENT_PREFIX = 'frm.events.v1.SubjectConsent';
const SHIPPED = 'FEATURE_REQUEST_STATUS_SHIPPED';
const MERGED = 'FEATURE_REQUEST_STATUS_MERGED';

/** What a delivery tells, as a plan notes it and its deliveries keep it. */
const NOTICE_COLUMNS = `event_id uuid not null,
         event_type text not null,
         feature_request_id uuid,
         kind text not null default '',
         from_status text not null default '',
         to_status text not null default '',
         note text not null default '',
         note_author_id text not null default '',
         occurred_at timestamptz not null`;

/**
 * The notifications read model: each request's title and status, who follows it, every person's
 * inbox, preferences and consents, the webhooks, and the plan of e-mail and webhook deliveries.
 * A follower is someone who wrote or voted for the request (`auto`), unless they chose otherwise
 * (`choice`). An event fans out to the followers at that point of the history: their inbox entries
 * in one statement, and one plan row naming who is to get it by mail and which webhooks take it,
 * which the follow-up turns into deliveries right after the batch commits (so the inbox of a
 * request with ten thousand voters is readable without waiting for twenty thousand delivery rows).
 * Ids derive from the event and the recipient: a replay or a rebuild writes the same
 * notifications and plans the same deliveries, once each. Whether a planned delivery was made is
 * kept apart (the delivery log), so a rebuild never sends anything twice. Read marks are events too,
 * so a rebuild keeps them.
 */
export function notificationsProjectionWith(deliveryLogSchema: string) {
  // The platform's read model is the registered one (`frm projections` lists it); another delivery
  // log (a test's) gets a registry of its own, as one name may stand for one definition only.
  if (deliveryLogSchema === DEFAULT_DELIVERY_LOG_SCHEMA) return (platformProjection ??= buildProjection(deliveryLogSchema));
  return buildProjection(deliveryLogSchema, new ProjectionRegistry());
}

let platformProjection: ReturnType<typeof buildProjection> | undefined;

function buildProjection(deliveryLogSchema: string, registry?: ProjectionRegistry) {
  return defineProjection({
    name: 'notifications',
    version: 4,
    eventTypePrefixes: [
      FEATURE_REQUEST,
      frmEventsV1.VoteCast.$type,
      frmEventsV1.VoteMoved.$type,
      RECIPIENT_EVENT_PREFIX,
      WEBHOOK_EVENT_PREFIX,
      CONSENT_PREFIX,
      frmEventsV1.SubjectErased.$type,
    ],
    schemaSql: (schema: ProjectionSchema) => [
      `create table ${schema.table('requests')} (
         id uuid primary key,
         title text not null,
         status text not null,
         author_id text not null
       )`,
      `create index on ${schema.table('requests')} (author_id)`,
      `create table ${schema.table('followers')} (
         feature_request_id uuid not null,
         subject_id text not null,
         auto boolean not null default false,
         choice boolean,
         primary key (feature_request_id, subject_id)
       )`,
      `create index on ${schema.table('followers')} (subject_id)`,
      `create table ${schema.table('notifications')} (
         id uuid primary key,
         recipient_id text not null,
         feature_request_id uuid,
         kind text not null,
         from_status text not null default '',
         to_status text not null default '',
         note text not null default '',
         -- Who wrote the note (a staff member): it reads [erased] once they are erased.
         note_author_id text not null default '',
         webhook_id uuid,
         occurred_at timestamptz not null,
         read boolean not null default false,
         -- Order of arrival in this copy, for watchers waiting for what is new.
         seq bigint generated always as identity
       )`,
      `create index on ${schema.table('notifications')} (recipient_id, read, occurred_at desc, id desc)`,
      `create index on ${schema.table('notifications')} (seq)`,
      `create table ${schema.table('preferences')} (
         recipient_id text primary key,
         preferences jsonb not null
       )`,
      `create table ${schema.table('consents')} (
         subject_id text not null,
         purpose text not null,
         granted boolean not null,
         primary key (subject_id, purpose)
       )`,
      `create table ${schema.table('webhooks')} (
         id uuid primary key,
         owner_id text not null,
         url text not null,
         event_types text[] not null,
         secret text not null,
         created_at timestamptz not null,
         enabled boolean not null default true,
         disabled_reason text not null default '',
         deleted boolean not null default false
       )`,
      // What is to be sent by e-mail (`email`, or `digest` for people who chose one) or to a webhook.
      // Senders find deliveries through the delivery log and read them here by id.
      `create table ${schema.table('deliveries')} (
         id uuid primary key,
         channel text not null,
         recipient_id text not null,
         ${NOTICE_COLUMNS}
       )`,
      // What an event is to send, noted with the batch and expanded into deliveries right after it
      // (the follow-up below): one row per event naming all its recipients, so the inbox commits first.
      `create table ${schema.table('fan_out_plans')} (
         seq bigint generated always as identity primary key,
         ${NOTICE_COLUMNS},
         email_to text[] not null default '{}',
         digest_to text[] not null default '{}',
         webhook_ids uuid[] not null default '{}',
         webhook_status text not null default ''
       )`,
      ...deliveryLogSchemaSql(deliveryLogSchema),
    ],
    handle: (recorded: RecordedEvent, schema: ProjectionSchema): SqlStatement[] => handleEvent(recorded, schema, deliveryLogSchema),
    handleBatch: (events: readonly RecordedEvent[], schema: ProjectionSchema): SqlStatement[] =>
      foldedStatements(events, schema, (recorded) => handleEvent(recorded, schema, deliveryLogSchema)),
    followUp: {
      needed: (events: readonly RecordedEvent[]) => events.some((recorded) => recorded.type.startsWith(FEATURE_REQUEST)),
      statements: (schema: ProjectionSchema) => expandPlansStatements(schema, deliveryLogSchema),
    },
  }, registry);
}

/** One event's statements. */
function handleEvent(recorded: RecordedEvent, schema: ProjectionSchema, deliveryLogSchema: string): SqlStatement[] {
  const requests = schema.table('requests');
  const followers = schema.table('followers');
  const follow = (featureRequestId: string, subjectId: string): SqlStatement => ({
    sql: `insert into ${followers} (feature_request_id, subject_id, auto) values ($1, $2, true)
          on conflict (feature_request_id, subject_id) do update set auto = true`,
    params: [featureRequestId, subjectId],
  });
  // A request that moved (status change, merge, unmerge): its new status, its followers told, its webhooks called.
  const statusMoved = (notice: Notice): SqlStatement[] => [
    { sql: `update ${requests} set status = $2 where id = $1`, params: [notice.featureRequestId, notice.to] },
    ...noticeStatements(recorded, schema, notice, followersOf(schema, notice.featureRequestId, notice.actorId)),
    webhookPlan(recorded, schema, notice.featureRequestId),
  ];
  switch (recorded.type) {
    case frmEventsV1.FeatureRequestSubmitted.$type: {
      const e = fromStoredEventJson(frmEventsV1.FeatureRequestSubmitted, recorded.data);
      return [
        {
          sql: `insert into ${requests} (id, title, status, author_id) values ($1, $2, 'FEATURE_REQUEST_STATUS_SUBMITTED', $3) on conflict (id) do nothing`,
          params: [e.featureRequestId, e.title, e.authorId],
        },
        follow(e.featureRequestId, e.authorId),
        webhookPlan(recorded, schema, e.featureRequestId),
      ];
    }
    case frmEventsV1.FeatureRequestEdited.$type: {
      const e = fromStoredEventJson(frmEventsV1.FeatureRequestEdited, recorded.data);
      return [
        ...(e.title === undefined ? [] : [{ sql: `update ${requests} set title = $2 where id = $1`, params: [e.featureRequestId, e.title] }]),
        webhookPlan(recorded, schema, e.featureRequestId),
      ];
    }
    case frmEventsV1.FeatureRequestStatusChanged.$type: {
      const e = fromStoredEventJson(frmEventsV1.FeatureRequestStatusChanged, recorded.data);
      const shipped = String(e.toStatus) === SHIPPED;
      const notice = {
        featureRequestId: e.featureRequestId,
        actorId: e.actorId,
        kind: shipped ? NOTIFICATION_KINDS.shipped : NOTIFICATION_KINDS.statusChanged,
        from: String(e.fromStatus),
        to: String(e.toStatus),
        // For a shipped request the product team's words are its release note.
        note: e.reason,
      };
      return statusMoved(notice);
    }
    case frmEventsV1.FeatureRequestMerged.$type: {
      const e = fromStoredEventJson(frmEventsV1.FeatureRequestMerged, recorded.data);
      const notice = { featureRequestId: e.featureRequestId, actorId: e.actorId, kind: NOTIFICATION_KINDS.statusChanged, from: String(e.fromStatus), to: MERGED, note: '' };
      return statusMoved(notice);
    }
    case frmEventsV1.FeatureRequestUnmerged.$type: {
      // The request is back on the board: its followers hear it, as of any other move.
      const e = fromStoredEventJson(frmEventsV1.FeatureRequestUnmerged, recorded.data);
      const notice = { featureRequestId: e.featureRequestId, actorId: e.actorId, kind: NOTIFICATION_KINDS.statusChanged, from: MERGED, to: String(e.toStatus), note: '' };
      return statusMoved(notice);
    }
    case frmEventsV1.FeatureRequestCommentAdded.$type: {
      const e = fromStoredEventJson(frmEventsV1.FeatureRequestCommentAdded, recorded.data);
      const notice = { featureRequestId: e.featureRequestId, actorId: e.authorId, kind: NOTIFICATION_KINDS.comment, from: '', to: '', note: '' };
      return [...noticeStatements(recorded, schema, notice, authorOf(schema, e.featureRequestId, e.authorId)), webhookPlan(recorded, schema, e.featureRequestId)];
    }
    case frmEventsV1.VoteCast.$type: {
      const e = fromStoredEventJson(frmEventsV1.VoteCast, recorded.data);
      return [follow(e.featureRequestId, e.voterId)];
    }
    case frmEventsV1.VoteMoved.$type: {
      const e = fromStoredEventJson(frmEventsV1.VoteMoved, recorded.data);
      return [follow(e.targetFeatureRequestId, e.voterId)];
    }
    case frmEventsV1.RecipientFollowed.$type:
    case frmEventsV1.RecipientUnfollowed.$type: {
      const e = decodeFollowEvent(recorded);
      if (!e) return [];
      return [
        {
          sql: `insert into ${followers} (feature_request_id, subject_id, choice) values ($1, $2, $3)
                on conflict (feature_request_id, subject_id) do update set choice = excluded.choice`,
          params: [e.featureRequestId, e.recipientId, e.type === 'RecipientFollowed'],
        },
      ];
    }
    case frmEventsV1.RecipientNotificationsRead.$type: {
      const e = fromStoredEventJson(frmEventsV1.RecipientNotificationsRead, recorded.data);
      return [
        {
          sql: `update ${schema.table('notifications')} set read = true
                where recipient_id = $1 and not read and ($2 or id = any($3::uuid[]))`,
          params: [e.recipientId, e.all, e.notificationIds],
        },
      ];
    }
    case frmEventsV1.RecipientPreferencesUpdated.$type: {
      const { recipientId, preferences } = preferencesOfEvent(recorded.data);
      return [
        {
          sql: `insert into ${schema.table('preferences')} (recipient_id, preferences) values ($1, $2)
                on conflict (recipient_id) do update set preferences = excluded.preferences`,
          params: [recipientId, JSON.stringify(preferences)],
        },
      ];
    }
    case frmEventsV1.SubjectConsentRecorded.$type:
    case frmEventsV1.SubjectConsentWithdrawn.$type: {
      const granted = recorded.type === frmEventsV1.SubjectConsentRecorded.$type;
      const e = granted ? fromStoredEventJson(frmEventsV1.SubjectConsentRecorded, recorded.data) : fromStoredEventJson(frmEventsV1.SubjectConsentWithdrawn, recorded.data);
      return [
        {
          sql: `insert into ${schema.table('consents')} (subject_id, purpose, granted) values ($1, $2, $3)
                on conflict (subject_id, purpose) do update set granted = excluded.granted`,
          params: [e.subjectId, String(e.purpose), granted],
        },
      ];
    }
    case frmEventsV1.WebhookCreated.$type: {
      const e = fromStoredEventJson(frmEventsV1.WebhookCreated, recorded.data);
      return [
        {
          sql: `insert into ${schema.table('webhooks')} (id, owner_id, url, event_types, secret, created_at) values ($1, $2, $3, $4, $5, $6)
                on conflict (id) do nothing`,
          params: [e.webhookId, e.ownerId, e.url, e.eventTypes, e.secret, occurredAt(recorded)],
        },
      ];
    }
    case frmEventsV1.WebhookDeleted.$type: {
      const e = fromStoredEventJson(frmEventsV1.WebhookDeleted, recorded.data);
      return [{ sql: `update ${schema.table('webhooks')} set deleted = true, enabled = false, secret = '' where id = $1`, params: [e.webhookId] }];
    }
    case frmEventsV1.WebhookDisabled.$type: {
      const e = fromStoredEventJson(frmEventsV1.WebhookDisabled, recorded.data);
      return [
        { sql: `update ${schema.table('webhooks')} set enabled = false, disabled_reason = $2 where id = $1`, params: [e.webhookId, e.reason] },
        // Its owner hears of it in their inbox, whatever their preferences: they must act.
        {
          sql: `insert into ${schema.table('notifications')} (id, recipient_id, kind, note, webhook_id, occurred_at)
                select md5($1 || '/' || w.owner_id)::uuid, w.owner_id, $2, $3, w.id, $4 from ${schema.table('webhooks')} w where w.id = $5
                on conflict (id) do nothing`,
          params: [recorded.id, NOTIFICATION_KINDS.webhookDisabled, e.reason, occurredAt(recorded), e.webhookId],
        },
      ];
    }
    case frmEventsV1.SubjectErased.$type: {
      const e = fromStoredEventJson(frmEventsV1.SubjectErased, recorded.data);
      // Nothing more for an erased person, and what they wrote reads [erased] in others' inboxes.
      return [
        { sql: `delete from ${followers} where subject_id = $1`, params: [e.subjectId] },
        { sql: `delete from ${schema.table('notifications')} where recipient_id = $1`, params: [e.subjectId] },
        { sql: `delete from ${schema.table('deliveries')} where recipient_id = $1`, params: [e.subjectId] },
        {
          // Plans this batch noted before the erasure are not expanded yet.
          sql: `update ${schema.table('fan_out_plans')} set email_to = array_remove(email_to, $1), digest_to = array_remove(digest_to, $1)
                where $1 = any(email_to) or $1 = any(digest_to)`,
          params: [e.subjectId],
        },
        { sql: suppressRecipientSql(deliveryLogSchema), params: [e.subjectId] },
        { sql: `delete from ${schema.table('preferences')} where recipient_id = $1`, params: [e.subjectId] },
        { sql: `delete from ${schema.table('consents')} where subject_id = $1`, params: [e.subjectId] },
        { sql: `update ${requests} set title = $2 where author_id = $1`, params: [e.subjectId, ERASED] },
        // What a staff member wrote with a change is theirs: it reads [erased] in every inbox and planned mail.
        { sql: `update ${schema.table('notifications')} set note = $2 where note_author_id = $1`, params: [e.subjectId, ERASED] },
        { sql: `update ${schema.table('deliveries')} set note = $2 where note_author_id = $1`, params: [e.subjectId, ERASED] },
        { sql: `update ${schema.table('fan_out_plans')} set note = $2 where note_author_id = $1`, params: [e.subjectId, ERASED] },
      ];
    }
    default:
      return [];
  }
}

/** The read model with the default delivery log, as the service runs it unless told another schema. */
export const notificationsProjection = notificationsProjectionWith(DEFAULT_DELIVERY_LOG_SCHEMA);
