import { frmEventsV1, fromStoredEventJson } from '@frm/contracts';
import { ERASED } from '@frm/pii';
import type { RecordedEvent } from '@frm/event-store';
import { defineProjection, type ProjectionSchema, type SqlStatement } from '@frm/projections';
import type { TallyEffect, VoteEvent } from '../domain';
import { decodeVoteEvent, VOTE_EVENT_PREFIX } from '../event-codec/vote-event.codec';

export const FEATURE_REQUEST_EVENT_PREFIX = 'frm.events.v1.FeatureRequest';
const SUBJECT_ERASED = frmEventsV1.SubjectErased.$type;
const STATUS_PREFIX = 'FEATURE_REQUEST_STATUS_';

/**
 * Voting's read model (weights are added as exact decimals: a tally must not depend on how events
 * were grouped into batches, or a rebuild would differ from the live copy in the last digit): the status and author of every feature request (what a vote may be cast
 * on), one row per vote with its signals and evidence (for review and for the detectors' warm
 * start), and each request's tally, kept by adding up the events' tally effects.
 */
export const votesProjection = defineProjection({
  name: 'votes',
  // 2: weighted tallies are exact decimals, so a batch's sum equals the same events added one by one.
  // 3: undone merges (VoteMovedBack, VoteRestored) and an index to find a request's moved votes.
  // 4: the voter's time zone, which a vote moved by a merge keeps.
  version: 4,
  eventTypePrefixes: [FEATURE_REQUEST_EVENT_PREFIX, VOTE_EVENT_PREFIX, SUBJECT_ERASED],
  readIndexSql: (schema: ProjectionSchema) => [
    `create index on ${schema.table('votes')} (flagged_at, vote_id) where flagged_at is not null`,
    `create index on ${schema.table('votes')} (cast_at)`,
  ],
  schemaSql: (schema: ProjectionSchema) => [
    `create table ${schema.table('feature_requests')} (
       id uuid primary key,
       status text not null,
       author_id text not null,
       merged_into_id uuid
     )`,
    `create table ${schema.table('votes')} (
       vote_id uuid primary key,
       feature_request_id uuid not null,
       voter_id text not null,
       state text not null,
       held text not null default 'no',
       weight double precision not null,
       cast_at timestamptz not null,
       voter_account_created_at timestamptz,
       voter_supplier_type text not null,
       voter_time_zone text not null default '',
       author_id text not null,
       signals jsonb not null,
       evidence jsonb not null default '[]',
       flagged_at timestamptz,
       reviewer_id text,
       review_decision text,
       review_reason text,
       reviewed_at timestamptz
     )`,
    // Merges move a request's votes by these, and erasure finds a reviewer's reasons by reviewer_id;
    // the review queue and the detectors' warm start read by readIndexSql's.
    `create index on ${schema.table('votes')} (feature_request_id) where state = 'active'`,
    `create index on ${schema.table('votes')} (feature_request_id) where state = 'moved'`,
    `create index on ${schema.table('votes')} (reviewer_id) where reviewer_id is not null`,
    `create table ${schema.table('tallies')} (
       feature_request_id uuid primary key,
       counted bigint not null default 0,
       flagged bigint not null default 0,
       weighted numeric not null default 0
     )`,
  ],
  handle: (recorded: RecordedEvent, schema: ProjectionSchema): SqlStatement[] => {
    if (recorded.type.startsWith(VOTE_EVENT_PREFIX)) {
      const event = decodeVoteEvent(recorded);
      return event ? voteStatements(event, schema) : [];
    }
    if (recorded.type === SUBJECT_ERASED) return erasureStatements(recorded, schema);
    return featureRequestStatements(recorded, schema);
  },
  // Votes come in runs of casts: each run is one insert of every vote and one tally update per request.
  // A submission, applied in its place, does not end a run: it writes the request and a tally of
  // zeros only where none is yet, and a run reads neither, so the order of the two does not matter
  // (a history has a submission every hundred votes or so).
  handleBatch: (events: readonly RecordedEvent[], schema: ProjectionSchema): SqlStatement[] => {
    const statements: SqlStatement[] = [];
    let casts: VoteCastEvent[] = [];
    const flush = () => {
      if (casts.length === 1) statements.push(...voteStatements(casts[0] as VoteCastEvent, schema));
      else if (casts.length > 1) statements.push(castRunStatement(casts, schema));
      casts = [];
    };
    for (const recorded of events) {
      const event = recorded.type.startsWith(VOTE_EVENT_PREFIX) ? decodeVoteEvent(recorded) : undefined;
      if (event?.type === 'VoteCast') {
        casts.push(event);
        continue;
      }
      if (recorded.type === frmEventsV1.FeatureRequestSubmitted.$type) {
        statements.push(...featureRequestStatements(recorded, schema));
        continue;
      }
      flush();
      statements.push(...votesProjection.handle(recorded, schema));
    }
    flush();
    return statements;
  },
});

type VoteCastEvent = Extract<VoteEvent, { type: 'VoteCast' }>;

/** The effect of {@link voteStatements} on each cast of a run, as one statement. */
function castRunStatement(casts: readonly VoteCastEvent[], schema: ProjectionSchema): SqlStatement {
  const rows = casts.map((event) => ({
    vote_id: event.voteId,
    feature_request_id: event.featureRequestId,
    voter_id: event.voterId,
    weight: event.weight,
    cast_at: event.occurredAt.toISOString(),
    voter_account_created_at: event.voterAccountCreatedAt?.toISOString() ?? null,
    voter_supplier_type: event.voterSupplierType,
    author_id: event.featureRequestAuthorId,
    voter_time_zone: event.voterTimeZone,
    signals: event.signals,
    counted: event.tallyEffect.counted,
    flagged: event.tallyEffect.flagged,
    weighted: event.tallyEffect.weighted,
  }));
  return {
    sql: `with cast_votes as (
            select * from jsonb_to_recordset($1::jsonb) as r(vote_id uuid, feature_request_id uuid, voter_id text, weight double precision,
              cast_at timestamptz, voter_account_created_at timestamptz, voter_supplier_type text, author_id text, voter_time_zone text, signals jsonb,
              counted bigint, flagged bigint, weighted numeric)
          ), inserted as (
            insert into ${schema.table('votes')} (vote_id, feature_request_id, voter_id, state, weight, cast_at, voter_account_created_at,
              voter_supplier_type, author_id, voter_time_zone, signals)
            select vote_id, feature_request_id, voter_id, 'active', weight, cast_at, voter_account_created_at, voter_supplier_type, author_id, voter_time_zone, signals
            from cast_votes on conflict (vote_id) do nothing
          )
          insert into ${schema.table('tallies')} as tally (feature_request_id, counted, flagged, weighted)
          select feature_request_id, sum(counted), sum(flagged), sum(weighted) from cast_votes group by feature_request_id
          on conflict (feature_request_id) do update set counted = tally.counted + excluded.counted,
            flagged = tally.flagged + excluded.flagged, weighted = tally.weighted + excluded.weighted`,
    params: [JSON.stringify(rows)],
  };
}

/** An erased staff member's review reasons read `[erased]`; their decisions and the tallies stay. */
function erasureStatements(recorded: RecordedEvent, schema: ProjectionSchema): SqlStatement[] {
  const e = fromStoredEventJson(frmEventsV1.SubjectErased, recorded.data);
  return [
    {
      sql: `update ${schema.table('votes')} set review_reason = $2 where reviewer_id = $1 and review_reason is distinct from $2 and review_reason <> ''`,
      params: [e.subjectId, ERASED],
    },
  ];
}

function featureRequestStatements(recorded: RecordedEvent, schema: ProjectionSchema): SqlStatement[] {
  const requests = schema.table('feature_requests');
  switch (recorded.type) {
    case frmEventsV1.FeatureRequestSubmitted.$type: {
      const e = fromStoredEventJson(frmEventsV1.FeatureRequestSubmitted, recorded.data);
      return [
        {
          sql: `with request as (
                  insert into ${requests} (id, status, author_id) values ($1, 'submitted', $2) on conflict (id) do nothing
                )
                insert into ${schema.table('tallies')} (feature_request_id) values ($1) on conflict do nothing`,
          params: [e.featureRequestId, e.authorId],
        },
      ];
    }
    case frmEventsV1.FeatureRequestStatusChanged.$type: {
      const e = fromStoredEventJson(frmEventsV1.FeatureRequestStatusChanged, recorded.data);
      return [{ sql: `update ${requests} set status = $2 where id = $1`, params: [e.featureRequestId, statusName(String(e.toStatus))] }];
    }
    case frmEventsV1.FeatureRequestMerged.$type: {
      const e = fromStoredEventJson(frmEventsV1.FeatureRequestMerged, recorded.data);
      return [{ sql: `update ${requests} set status = 'merged', merged_into_id = $2 where id = $1`, params: [e.featureRequestId, e.targetFeatureRequestId] }];
    }
    case frmEventsV1.FeatureRequestUnmerged.$type: {
      const e = fromStoredEventJson(frmEventsV1.FeatureRequestUnmerged, recorded.data);
      return [{ sql: `update ${requests} set status = $2, merged_into_id = null where id = $1`, params: [e.featureRequestId, statusName(String(e.toStatus))] }];
    }
    default:
      return [];
  }
}

function voteStatements(event: VoteEvent, schema: ProjectionSchema): SqlStatement[] {
  const votes = schema.table('votes');
  const at = event.occurredAt.toISOString();
  // One statement per event: the vote's row and its request's tally change together.
  const withTally = (change: string, params: readonly unknown[]): SqlStatement => ({
    sql: `with changed as (${change})
          insert into ${schema.table('tallies')} as tally (feature_request_id, counted, flagged, weighted) values ($1, $2, $3, $4::numeric)
          on conflict (feature_request_id) do update set counted = tally.counted + excluded.counted,
            flagged = tally.flagged + excluded.flagged, weighted = tally.weighted + excluded.weighted`,
    params: [event.featureRequestId, ...effectParams(event.tallyEffect), ...params],
  });
  switch (event.type) {
    case 'VoteCast':
      return [
        withTally(
          `insert into ${votes} (vote_id, feature_request_id, voter_id, state, weight, cast_at, voter_account_created_at,
             voter_supplier_type, author_id, signals, voter_time_zone)
           values ($5, $1, $6, 'active', $7, $8, $9, $10, $11, $12, $13) on conflict (vote_id) do nothing`,
          [
            event.voteId,
            event.voterId,
            event.weight,
            at,
            event.voterAccountCreatedAt?.toISOString() ?? null,
            event.voterSupplierType,
            event.featureRequestAuthorId,
            JSON.stringify(event.signals),
            event.voterTimeZone,
          ],
        ),
      ];
    case 'VoteRetracted':
      return [withTally(`update ${votes} set state = 'retracted' where vote_id = $5`, [event.voteId])];
    case 'VoteMoved':
      return [withTally(`update ${votes} set state = 'moved' where vote_id = $5`, [event.voteId])];
    case 'VoteMovedBack':
      return [withTally(`update ${votes} set state = 'moved_back' where vote_id = $5`, [event.voteId])];
    case 'VoteRestored':
      return [withTally(`update ${votes} set state = 'active', held = $6, weight = $7 where vote_id = $5`, [event.voteId, event.held, event.weight])];
    case 'VoteFlagged':
      return [
        withTally(
          `update ${votes} set held = case when review_decision is null then 'flagged' else held end,
             evidence = evidence || $6::jsonb, flagged_at = coalesce(flagged_at, $7::timestamptz) where vote_id = $5`,
          [event.voteId, JSON.stringify(event.evidence), at],
        ),
      ];
    case 'VoteReviewed':
      return [
        withTally(
          `update ${votes} set held = $6, reviewer_id = $7, review_decision = $8, review_reason = $9, reviewed_at = $10 where vote_id = $5`,
          [event.voteId, event.decision === 'clear' ? 'no' : 'confirmed_fraud', event.reviewerId, event.decision, event.reason, at],
        ),
      ];
  }
}

function effectParams(effect: TallyEffect): unknown[] {
  return [String(effect.counted), String(effect.flagged), effect.weighted];
}

function statusName(enumName: string): string {
  return enumName.startsWith(STATUS_PREFIX) ? enumName.slice(STATUS_PREFIX.length).toLowerCase() : 'unknown';
}
