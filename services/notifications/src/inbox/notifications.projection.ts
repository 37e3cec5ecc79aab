import { frmEventsV1, fromEventJson } from '@frm/contracts';
import type { RecordedEvent } from '@frm/event-store';
import { ERASED } from '@frm/pii';
import { defineProjection, type ProjectionSchema, type SqlStatement } from '@frm/projections';
import { decodeFollowEvent } from '../following/follow-event.codec';
import { preferencesOfEvent } from '../preferences/preferences-event.codec';

const FEATURE_REQUEST = 'frm.events.v1.FeatureRequest';
export const RECIPIENT_EVENT_PREFIX = 'frm.events.v1.Recipient';
const SHIPPED = 'FEATURE_REQUEST_STATUS_SHIPPED';
const MERGED = 'FEATURE_REQUEST_STATUS_MERGED';

export const NOTIFICATION_KINDS = {
  statusChanged: 'NOTIFICATION_KIND_STATUS_CHANGED',
  shipped: 'NOTIFICATION_KIND_SHIPPED',
  comment: 'NOTIFICATION_KIND_COMMENT',
} as const;

/**
 * The notifications read model: each request's title and status, who follows it, and every
 * person's inbox. A follower is someone who wrote or voted for the request (`auto`), unless they
 * chose otherwise (`choice`). A status change or a comment fans out to the followers at that point
 * of the history, in one statement, with ids derived from the event and the recipient: a replay or
 * a rebuild writes the same notifications, once each. Read marks are events too, so a rebuild
 * keeps them.
 */
export const notificationsProjection = defineProjection({
  name: 'notifications',
  version: 1,
  eventTypePrefixes: [FEATURE_REQUEST, frmEventsV1.VoteCast.$type, frmEventsV1.VoteMoved.$type, RECIPIENT_EVENT_PREFIX, frmEventsV1.SubjectErased.$type],
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
       feature_request_id uuid not null,
       kind text not null,
       from_status text not null default '',
       to_status text not null default '',
       occurred_at timestamptz not null,
       read boolean not null default false
     )`,
    `create index on ${schema.table('notifications')} (recipient_id, read, occurred_at desc, id desc)`,
    `create table ${schema.table('preferences')} (
       recipient_id text primary key,
       preferences jsonb not null
     )`,
  ],
  handle: (recorded: RecordedEvent, schema: ProjectionSchema): SqlStatement[] => {
    const requests = schema.table('requests');
    const followers = schema.table('followers');
    const follow = (featureRequestId: string, subjectId: string): SqlStatement => ({
      sql: `insert into ${followers} (feature_request_id, subject_id, auto) values ($1, $2, true)
            on conflict (feature_request_id, subject_id) do update set auto = true`,
      params: [featureRequestId, subjectId],
    });
    switch (recorded.type) {
      case frmEventsV1.FeatureRequestSubmitted.$type: {
        const e = fromEventJson(frmEventsV1.FeatureRequestSubmitted, recorded.data);
        return [
          {
            sql: `insert into ${requests} (id, title, status, author_id) values ($1, $2, 'FEATURE_REQUEST_STATUS_SUBMITTED', $3) on conflict (id) do nothing`,
            params: [e.featureRequestId, e.title, e.authorId],
          },
          follow(e.featureRequestId, e.authorId),
        ];
      }
      case frmEventsV1.FeatureRequestEdited.$type: {
        const e = fromEventJson(frmEventsV1.FeatureRequestEdited, recorded.data);
        return e.title === undefined ? [] : [{ sql: `update ${requests} set title = $2 where id = $1`, params: [e.featureRequestId, e.title] }];
      }
      case frmEventsV1.FeatureRequestStatusChanged.$type: {
        const e = fromEventJson(frmEventsV1.FeatureRequestStatusChanged, recorded.data);
        const kind = String(e.toStatus) === SHIPPED ? NOTIFICATION_KINDS.shipped : NOTIFICATION_KINDS.statusChanged;
        return [
          { sql: `update ${requests} set status = $2 where id = $1`, params: [e.featureRequestId, String(e.toStatus)] },
          fanOut(recorded, schema, { featureRequestId: e.featureRequestId, actorId: e.actorId, kind, from: String(e.fromStatus), to: String(e.toStatus) }),
        ];
      }
      case frmEventsV1.FeatureRequestMerged.$type: {
        const e = fromEventJson(frmEventsV1.FeatureRequestMerged, recorded.data);
        return [
          { sql: `update ${requests} set status = $2 where id = $1`, params: [e.featureRequestId, MERGED] },
          fanOut(recorded, schema, { featureRequestId: e.featureRequestId, actorId: e.actorId, kind: NOTIFICATION_KINDS.statusChanged, from: String(e.fromStatus), to: MERGED }),
        ];
      }
      case frmEventsV1.FeatureRequestCommentAdded.$type: {
        const e = fromEventJson(frmEventsV1.FeatureRequestCommentAdded, recorded.data);
        return [commentNotice(recorded, schema, e.featureRequestId, e.authorId)];
      }
      case frmEventsV1.VoteCast.$type: {
        const e = fromEventJson(frmEventsV1.VoteCast, recorded.data);
        return [follow(e.featureRequestId, e.voterId)];
      }
      case frmEventsV1.VoteMoved.$type: {
        const e = fromEventJson(frmEventsV1.VoteMoved, recorded.data);
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
        const e = fromEventJson(frmEventsV1.RecipientNotificationsRead, recorded.data);
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
      case frmEventsV1.SubjectErased.$type: {
        const e = fromEventJson(frmEventsV1.SubjectErased, recorded.data);
        // Nothing more for an erased person, and what they wrote reads [erased] in others' inboxes.
        return [
          { sql: `delete from ${followers} where subject_id = $1`, params: [e.subjectId] },
          { sql: `delete from ${schema.table('notifications')} where recipient_id = $1`, params: [e.subjectId] },
          { sql: `delete from ${schema.table('preferences')} where recipient_id = $1`, params: [e.subjectId] },
          { sql: `update ${requests} set title = $2 where author_id = $1`, params: [e.subjectId, ERASED] },
        ];
      }
      default:
        return [];
    }
  },
});

interface Change {
  readonly featureRequestId: string;
  readonly actorId: string;
  readonly kind: string;
  readonly from: string;
  readonly to: string;
}

/** One notification per follower at this point of the history, except whoever made the change. */
function fanOut(recorded: RecordedEvent, schema: ProjectionSchema, change: Change): SqlStatement {
  return {
    sql: `insert into ${schema.table('notifications')} (id, recipient_id, feature_request_id, kind, from_status, to_status, occurred_at)
          select md5($1 || '/' || f.subject_id)::uuid, f.subject_id, $2, $3, $4, $5, $6
          from ${schema.table('followers')} f
          where f.feature_request_id = $2 and coalesce(f.choice, f.auto) and f.subject_id <> $7
          on conflict (id) do nothing`,
    params: [recorded.id, change.featureRequestId, change.kind, change.from, change.to, occurredAt(recorded), change.actorId],
  };
}

/** The request's author hears of a comment by someone else, while they follow their request. */
function commentNotice(recorded: RecordedEvent, schema: ProjectionSchema, featureRequestId: string, commenterId: string): SqlStatement {
  return {
    sql: `insert into ${schema.table('notifications')} (id, recipient_id, feature_request_id, kind, occurred_at)
          select md5($1 || '/' || r.author_id)::uuid, r.author_id, r.id, $3, $4
          from ${schema.table('requests')} r
          join ${schema.table('followers')} f on f.feature_request_id = r.id and f.subject_id = r.author_id
          where r.id = $2 and coalesce(f.choice, f.auto) and r.author_id <> $5
          on conflict (id) do nothing`,
    params: [recorded.id, featureRequestId, NOTIFICATION_KINDS.comment, occurredAt(recorded), commenterId],
  };
}

function occurredAt(recorded: RecordedEvent): string {
  const value = recorded.data['occurredAt'];
  return typeof value === 'string' ? value : recorded.recordedAt.toISOString();
}
