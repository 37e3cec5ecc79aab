import { frmEventsV1 } from '@frm/contracts';
import type { RecordedEvent } from '@frm/event-store';
import { ERASED } from '@frm/pii';
import { defineProjection, type ProjectionDefinition, type ProjectionSchema, type SqlStatement } from '@frm/projections';
import { DEFAULT_TREND_HALF_LIFE_MS } from '@frm/trend';
import type { FeatureRequestEvent } from '../domain';
import { decodeEvent, FEATURE_REQUEST_EVENT_PREFIX } from '../event-codec/feature-request-event.codec';
import { trendRankSql } from './trend-rank';
import { VOTE_EVENT_PREFIX } from './vote-tally-effect';
import { submissionsStatement, type GatheredSubmission } from './submissions.statements';
import { VoteRun } from './vote-run.statements';
import { voteStatements } from './vote.statements';

const SUBJECT_ERASED = frmEventsV1.SubjectErased.$type;
const SUBMITTED = frmEventsV1.FeatureRequestSubmitted.$type;

/**
 * The board's read model: `feature_requests` (one row per request, with a full-text index over
 * title and description) and `comments`. Every update from a request's own stream is guarded by
 * the stream revision it comes from, so applying an event twice changes nothing. Vote counts (the
 * votes that count, as the voting service's events say) are added up from the vote events' tally
 * effects; the runner applies each event once, with the checkpoint in the same transaction.
 * The `trending` sort ranks by `trend_sum`, triage's trend kept exactly (see vote.statements.ts),
 * with each vote's term in `vote_terms`; `settings` holds the half-life the terms were made with.
 * When compliance erases a subject, what they wrote here (titles, descriptions, comments, reasons)
 * becomes `[erased]` at once; a rebuild reads the same from the events, whose keys are gone.
 */
export function featureRequestsProjectionFor(halfLifeMs: number = DEFAULT_TREND_HALF_LIFE_MS): ProjectionDefinition {
  return halfLifeMs === DEFAULT_TREND_HALF_LIFE_MS ? featureRequestsProjection : projectionWithHalfLife(halfLifeMs);
}

/** Registered for operations tooling; another half-life makes a definition of its own, which the read model checks against its rows. */
export const featureRequestsProjection = defineProjection(projectionWithHalfLife(DEFAULT_TREND_HALF_LIFE_MS));

function projectionWithHalfLife(halfLifeMs: number): ProjectionDefinition {
  return {
    name: 'feature_requests',
    // 5: the weight of the counted votes is numeric, so that adding a run of votes at once leaves the same sum as one by one.
    version: 5,
    eventTypePrefixes: [FEATURE_REQUEST_EVENT_PREFIX, VOTE_EVENT_PREFIX, SUBJECT_ERASED],
    schemaSql: (schema) => schemaSql(schema, halfLifeMs),
    readIndexSql,
    handle: (recorded, schema) => handle(recorded, schema, halfLifeMs),
    handleBatch: (events, schema) => handleBatch(events, schema, halfLifeMs),
  };
}

function schemaSql(schema: ProjectionSchema, halfLifeMs: number): string[] {
  const requests = schema.table('feature_requests');
  const comments = schema.table('comments');
  return [
    `create table ${schema.table('settings')} (trend_half_life_ms bigint not null)`,
    `insert into ${schema.table('settings')} (trend_half_life_ms) values (${Math.trunc(halfLifeMs)})`,
    `create table ${requests} (
       id uuid primary key,
       title text not null,
       description text not null,
       category text not null,
       tags text[] not null,
       status text not null,
       status_reason text not null default '',
       status_reason_by text,
       author_id text not null,
       supplier_type text,
       wedding_date text,
       vote_count bigint not null default 0,
       weighted_vote_count numeric not null default 0,
       trend_sum numeric not null default 0,
       trend_rank numeric generated always as (${trendRankSql('trend_sum')}) stored,
       comment_count integer not null default 0,
       merged_into_id uuid,
       possible_duplicate_of_ids uuid[] not null default '{}',
       created_at timestamptz not null,
       updated_at timestamptz not null,
       revision bigint not null,
       search tsvector generated always as (
         setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', description), 'B')
       ) stored
     )`,
    // Erasure finds what a subject wrote by these; the board's sorts and searches are readIndexSql.
    `create index on ${requests} (author_id)`,
    `create table ${comments} (
       id uuid primary key,
       feature_request_id uuid not null,
       author_id text not null,
       body text not null,
       created_at timestamptz not null,
       revision bigint not null
     )`,
    `create index on ${comments} (author_id)`,
    `create index on ${requests} (status_reason_by)`,
    `create table ${schema.table('vote_terms')} (
       vote_id uuid primary key,
       feature_request_id uuid not null,
       term numeric not null,
       counted integer not null default 0
     )`,
  ];
}

/**
 * The board's sorts, filters and searches, and a request's comments. A rebuild builds them after the
 * history, so a vote's update of its request touches neither the full-text nor the tag entries.
 */
function readIndexSql(schema: ProjectionSchema): string[] {
  const requests = schema.table('feature_requests');
  return [
    `create index on ${requests} (created_at desc, id desc)`,
    `create index on ${requests} (vote_count desc, created_at desc, id desc)`,
    `create index on ${requests} (trend_rank desc, created_at desc, id desc)`,
    `create index on ${requests} (category)`,
    `create index on ${requests} using gin (tags)`,
    `create index on ${requests} using gin (search)`,
    `create index on ${schema.table('comments')} (feature_request_id, revision)`,
  ];
}

function handle(recorded: RecordedEvent, schema: ProjectionSchema, halfLifeMs: number): SqlStatement[] {
  if (recorded.type.startsWith(VOTE_EVENT_PREFIX)) return voteStatements(recorded, schema, halfLifeMs);
  if (recorded.type === SUBJECT_ERASED) return erasureStatements(String(recorded.data['subjectId'] ?? ''), schema);
  const event = decodeEvent(recorded);
  return event ? statementsFor(event, recorded.revision.toString(), schema) : [];
}

/**
 * Runs of vote events and submissions (most of the history) as a few statements each: the
 * submissions in one insert ahead of the run's votes (a vote always follows the submission of its
 * request, so the order between them does not matter); anything else event by event.
 */
function handleBatch(events: readonly RecordedEvent[], schema: ProjectionSchema, halfLifeMs: number): SqlStatement[] {
  const statements: SqlStatement[] = [];
  let submissions: GatheredSubmission[] = [];
  const insertSubmissions = () => {
    if (submissions.length > 0) statements.push(submissionsStatement(submissions, schema));
    submissions = [];
  };
  const run = new VoteRun(schema, halfLifeMs, statements, insertSubmissions);
  for (const recorded of events) {
    if (recorded.type.startsWith(VOTE_EVENT_PREFIX)) {
      run.add(recorded);
      continue;
    }
    if (recorded.type === SUBMITTED) {
      const event = decodeEvent(recorded);
      if (event?.type === 'FeatureRequestSubmitted') {
        submissions.push({ event, revision: recorded.revision.toString() });
        continue;
      }
    }
    run.end();
    statements.push(...handle(recorded, schema, halfLifeMs));
  }
  run.end();
  return statements;
}

function statementsFor(event: FeatureRequestEvent, revision: string, schema: ProjectionSchema): SqlStatement[] {
  const requests = schema.table('feature_requests');
  const at = event.occurredAt.toISOString();
  // Later events of a request update its row only once: `revision` is the last one applied.
  const update = (assignments: string, params: readonly unknown[]): SqlStatement => ({
    sql: `update ${requests} set ${assignments}, revision = $2 where id = $1 and revision < $2`,
    params: [event.featureRequestId, revision, ...params],
  });
  switch (event.type) {
    case 'FeatureRequestSubmitted':
      return [submissionsStatement([{ event, revision }], schema)];
    case 'FeatureRequestEdited': {
      const { title, description, category, tags } = event.changes;
      return [
        update(
          `title = coalesce($3::text, title), description = coalesce($4::text, description),
           category = coalesce($5::text, category), tags = coalesce($6::text[], tags), updated_at = $7`,
          [title ?? null, description ?? null, category ?? null, tags ?? null, at],
        ),
      ];
    }
    case 'FeatureRequestCommentAdded':
      return [
        {
          sql: `with added as (
                  insert into ${schema.table('comments')} (id, feature_request_id, author_id, body, created_at, revision)
                  values ($1, $2, $3, $4, $5, $6)
                  on conflict (id) do nothing
                  returning feature_request_id
                )
                update ${requests} set comment_count = comment_count + 1 where id in (select feature_request_id from added)`,
          params: [event.commentId, event.featureRequestId, event.authorId, event.body, at, revision],
        },
      ];
    case 'FeatureRequestStatusChanged':
      return [update(`status = $3, status_reason = $4, status_reason_by = $5, updated_at = $6`, [event.to, event.reason, event.actorId, at])];
    case 'FeatureRequestMerged':
      return [
        update(`status = 'merged', merged_into_id = $3, status_reason = $4, status_reason_by = $5, updated_at = $6`, [event.targetId, event.reason, event.actorId, at]),
      ];
    case 'FeatureRequestUnmerged':
      return [
        update(`status = $3, merged_into_id = null, status_reason = $4, status_reason_by = $5, updated_at = $6`, [event.to, event.reason, event.actorId, at]),
      ];
    case 'FeatureRequestDuplicateSuspected':
      return [
        update(`possible_duplicate_of_ids = array_append(possible_duplicate_of_ids, $3::uuid)`, [event.duplicateOfId]),
      ];
  }
}

/** What an erased subject wrote, redacted in place; ids, counts and statuses stay. */
function erasureStatements(subjectId: string, schema: ProjectionSchema): SqlStatement[] {
  if (subjectId === '') return [];
  const requests = schema.table('feature_requests');
  return [
    { sql: `update ${requests} set title = $2, description = $2 where author_id = $1`, params: [subjectId, ERASED] },
    { sql: `update ${requests} set status_reason = $2 where status_reason_by = $1 and status_reason <> ''`, params: [subjectId, ERASED] },
    { sql: `update ${schema.table('comments')} set body = $2 where author_id = $1`, params: [subjectId, ERASED] },
  ];
}
