import { frmEventsV1, fromStoredEventJson, VOTE_TALLY_EVENTS, type VoteTallyEvent, type VoteTallyEventFns } from '@frm/contracts';
import type { RecordedEvent } from '@frm/event-store';
import { ERASED } from '@frm/pii';
import { defineProjection, type ProjectionDefinition, type ProjectionSchema, type SqlStatement } from '@frm/projections';
import { DEFAULT_TREND_HALF_LIFE_MS, eventTimeOf, trendTermOf } from '@frm/trend';
import { batchStatements } from './triage.projection.batch';

const FEATURE_REQUEST = 'frm.events.v1.FeatureRequest';
const VOTE = 'frm.events.v1.Vote';
export const TRIAGE_EVENT_PREFIX = 'frm.events.v1.Triage';
const MERGED = 'FEATURE_REQUEST_STATUS_MERGED';

/** The text-search configuration of both tsvector columns and of every query against them. */
export const TEXT_SEARCH_CONFIG = 'english';

/**
 * The triage read model. `requests`: each request's text now and as first submitted (with full-text
 * vectors, trigram indexes and a hash of the text the embedding worker keys vectors by), status,
 * RICE inputs, and its support — counted votes, their trusted weight and the trend, all as exact
 * sums of what each vote event changes (see @frm/trend's trend-terms.ts), so any replay gives the same digits.
 * `votes`: per vote its request, supplier type, cast time and trend term, so that a vote held
 * back, retracted or moved takes back exactly what it added. `reach`: counted voters per request and
 * supplier type (`''` for couples). `settings`: the half-life the trend terms were made with.
 *
 * `seq` numbers requests in submission order and `text_seq` orders text changes: the embedding
 * worker and the duplicate marker follow them, in the same order on every rebuild. Vote events
 * carry no voter id here, so erasure has nothing of a voter's to remove; an erased author's
 * texts become `[erased]`.
 */
export function triageProjection(halfLifeMs: number = DEFAULT_TREND_HALF_LIFE_MS): ProjectionDefinition {
  return halfLifeMs === DEFAULT_TREND_HALF_LIFE_MS ? defaultTriageProjection : projectionWithHalfLife(halfLifeMs);
}

/** Registered for operations tooling; another half-life makes a definition of its own, which the read model checks against its rows. */
export const defaultTriageProjection = defineProjection(projectionWithHalfLife(DEFAULT_TREND_HALF_LIFE_MS));

function projectionWithHalfLife(halfLifeMs: number): ProjectionDefinition {
  return {
    name: 'triage',
    // 2: trusted vote weight per voter time zone (zone_weights), for the wedding season in the voters' zones.
    version: 2,
    eventTypePrefixes: [FEATURE_REQUEST, VOTE, TRIAGE_EVENT_PREFIX, frmEventsV1.SubjectErased.$type],
    schemaSql: (schema) => schemaSql(schema, halfLifeMs),
    readIndexSql,
    handle: (recorded, schema) => handle(recorded, schema, halfLifeMs),
    handleBatch: (events, schema) => batchStatements(events, schema, halfLifeMs, (recorded) => handle(recorded, schema, halfLifeMs)),
  };
}

/**
 * The indexes of the searches (full text and trigrams, as submitted and as now), of the embedding
 * work (text hashes) and of triage's clock. A rebuild builds them after the history: a vote's update
 * of its request then writes none of its text's entries again.
 */
function readIndexSql(schema: ProjectionSchema): string[] {
  const requests = schema.table('requests');
  return [
    `create index on ${requests} (last_event_at)`,
    `create index on ${requests} (text_hash)`,
    `create index on ${requests} (original_text_hash)`,
    `create index on ${requests} using gin (search)`,
    `create index on ${requests} using gin (original_search)`,
    `create index on ${requests} using gin (title public.gin_trgm_ops)`,
    `create index on ${requests} using gin (original_title public.gin_trgm_ops)`,
  ];
}

function schemaSql(schema: ProjectionSchema, halfLifeMs: number): string[] {
  const requests = schema.table('requests');
  const search = (title: string, description: string) =>
    `setweight(to_tsvector('${TEXT_SEARCH_CONFIG}'::regconfig, ${title}), 'A') || setweight(to_tsvector('${TEXT_SEARCH_CONFIG}'::regconfig, ${description}), 'B')`;
  return [
    // The trigram index needs pg_trgm, which the service installs at start; a copy built elsewhere
    // (the DR orchestrator's drill on a database triage never ran on) installs it itself.
    `create extension if not exists pg_trgm with schema public`,
    `create table ${schema.table('settings')} (trend_half_life_ms bigint not null)`,
    `insert into ${schema.table('settings')} (trend_half_life_ms) values (${Math.trunc(halfLifeMs)})`,
    `create table ${requests} (
       id uuid primary key,
       seq bigint not null unique,
       text_seq bigint not null,
       author_id text not null,
       title text not null,
       description text not null,
       original_title text not null,
       original_description text not null,
       category text not null,
       tags text[] not null,
       status text not null,
       merged_into uuid,
       erased boolean not null default false,
       text_hash text generated always as (md5(title || chr(10) || description)) stored,
       original_text_hash text generated always as (md5(original_title || chr(10) || original_description)) stored,
       search tsvector generated always as (${search('title', 'description')}) stored,
       original_search tsvector generated always as (${search('original_title', 'original_description')}) stored,
       counted_votes bigint not null default 0,
       trusted_weight numeric not null default 0,
       trend_sum numeric not null default 0,
       rice_reach double precision,
       rice_impact double precision,
       rice_confidence double precision,
       rice_effort double precision,
       affects_wedding_day boolean not null default false,
       last_event_at timestamptz not null
     )`,
    // The handlers number text changes by max(text_seq) and find an erased author's requests by
    // author_id; what readers and the background work search by is readIndexSql.
    `create index on ${requests} (text_seq)`,
    `create index on ${requests} (author_id)`,
    `create table ${schema.table('votes')} (
       vote_id uuid primary key,
       feature_request_id uuid not null,
       supplier_type text not null,
       cast_at timestamptz not null,
       term numeric not null,
       counted integer not null default 0,
       -- The voter's IANA zone (from the access token's tz), which the vote keeps when a merge moves it.
       time_zone text not null default 'UTC'
     )`,
    // Trusted vote weight per request and voter zone: the wedding season is read on each voter's clock.
    `create table ${schema.table('zone_weights')} (
       feature_request_id uuid not null,
       time_zone text not null,
       trusted_weight numeric not null,
       primary key (feature_request_id, time_zone)
     )`,
    `create table ${schema.table('reach')} (
       feature_request_id uuid not null,
       supplier_type text not null,
       voters bigint not null,
       primary key (feature_request_id, supplier_type)
     )`,
  ];
}

export function handle(recorded: RecordedEvent, schema: ProjectionSchema, halfLifeMs: number): SqlStatement[] {
  const requests = schema.table('requests');
  const at = eventTimeOf(recorded).toISOString();
  const nextTextSeq = `(select coalesce(max(text_seq), 0) + 1 from ${requests})`;
  switch (recorded.type) {
    case frmEventsV1.FeatureRequestSubmitted.$type: {
      const e = fromStoredEventJson(frmEventsV1.FeatureRequestSubmitted, recorded.data);
      return [
        {
          sql: `insert into ${requests} (id, seq, text_seq, author_id, title, description, original_title, original_description, category, tags, status, last_event_at)
                values ($1, (select coalesce(max(seq), 0) + 1 from ${requests}), ${nextTextSeq}, $2, $3, $4, $3, $4, $5, $6, 'FEATURE_REQUEST_STATUS_SUBMITTED', $7)
                on conflict (id) do nothing`,
          params: [e.featureRequestId, e.authorId, e.title, e.description, e.category, e.tags, at],
        },
      ];
    }
    case frmEventsV1.FeatureRequestEdited.$type: {
      const e = fromStoredEventJson(frmEventsV1.FeatureRequestEdited, recorded.data);
      const textChanged = e.title != null || e.description != null;
      return [
        {
          sql: `update ${requests} set title = coalesce($2, title), description = coalesce($3, description), category = coalesce($4, category),
                  tags = coalesce($5, tags), text_seq = case when $6 then ${nextTextSeq} else text_seq end, last_event_at = greatest(last_event_at, $7)
                where id = $1 and not erased`,
          params: [e.featureRequestId, e.title ?? null, e.description ?? null, e.category ?? null, e.tags ? e.tags.values : null, textChanged, at],
        },
      ];
    }
    case frmEventsV1.FeatureRequestStatusChanged.$type: {
      const e = fromStoredEventJson(frmEventsV1.FeatureRequestStatusChanged, recorded.data);
      return [{ sql: `update ${requests} set status = $2, last_event_at = greatest(last_event_at, $3) where id = $1`, params: [e.featureRequestId, String(e.toStatus), at] }];
    }
    case frmEventsV1.FeatureRequestMerged.$type: {
      const e = fromStoredEventJson(frmEventsV1.FeatureRequestMerged, recorded.data);
      return [
        {
          sql: `update ${requests} set status = $2, merged_into = $3, last_event_at = greatest(last_event_at, $4) where id = $1`,
          params: [e.featureRequestId, MERGED, e.targetFeatureRequestId, at],
        },
      ];
    }
    case frmEventsV1.FeatureRequestUnmerged.$type: {
      const e = fromStoredEventJson(frmEventsV1.FeatureRequestUnmerged, recorded.data);
      return [
        {
          sql: `update ${requests} set status = $2, merged_into = null, last_event_at = greatest(last_event_at, $3) where id = $1`,
          params: [e.featureRequestId, String(e.toStatus), at],
        },
      ];
    }
    case frmEventsV1.TriageRiceInputsSet.$type: {
      const e = fromStoredEventJson(frmEventsV1.TriageRiceInputsSet, recorded.data);
      return [
        {
          sql: `update ${requests} set rice_reach = $2, rice_impact = $3, rice_confidence = $4, rice_effort = $5, affects_wedding_day = $6,
                  last_event_at = greatest(last_event_at, $7)
                where id = $1`,
          params: [e.featureRequestId, e.reach, e.impact, e.confidence, e.effort, e.affectsWeddingDayOperations, at],
        },
      ];
    }
    case frmEventsV1.SubjectErased.$type: {
      const e = fromStoredEventJson(frmEventsV1.SubjectErased, recorded.data);
      // What the author wrote goes, now and as first submitted; the worker then drops its vectors.
      return [
        {
          sql: `update ${requests} set title = $2, description = '', original_title = $2, original_description = '', erased = true, text_seq = ${nextTextSeq}
                where author_id = $1 and not erased`,
          params: [e.subjectId, ERASED],
        },
      ];
    }
    default:
      return VOTE_TALLY_EVENTS.has(recorded.type) ? voteStatements(recorded, schema, halfLifeMs, at) : [];
  }
}

/** A vote cast again after it was taken back counts from its new time (while it counts, its term stays). */
const RECAST = `on conflict (vote_id) do update set feature_request_id = excluded.feature_request_id, supplier_type = excluded.supplier_type,
  cast_at = excluded.cast_at, term = excluded.term, time_zone = excluded.time_zone where votes.counted = 0`;

function voteStatements(recorded: RecordedEvent, schema: ProjectionSchema, halfLifeMs: number, at: string): SqlStatement[] {
  const votes = schema.table('votes');
  const cast = recorded.type === frmEventsV1.VoteCast.$type ? fromStoredEventJson(frmEventsV1.VoteCast, recorded.data) : undefined;
  // A cast is read once: it carries the tally effect as every vote tally event does.
  const e = (cast as VoteTallyEvent | undefined) ?? fromStoredEventJson(VOTE_TALLY_EVENTS.get(recorded.type) as VoteTallyEventFns, recorded.data);
  const statements: SqlStatement[] = [];
  if (cast) {
    // A vote moved by a merge keeps the time it was first cast, so the trend it adds is the one it took away.
    statements.push({
      sql: `insert into ${votes} (vote_id, feature_request_id, supplier_type, cast_at, term, time_zone)
            select $1, $2, $3, coalesce(moved.cast_at, $4), coalesce(moved.term, $5::numeric), coalesce(nullif($7, ''), moved.time_zone, 'UTC')
            from (select 1) as one left join ${votes} moved on moved.vote_id = nullif($6, '')::uuid
            ${RECAST}`,
      params: [cast.voteId, cast.featureRequestId, cast.voterSupplierType, at, trendTermOf(halfLifeMs, Date.parse(at)).toString(), cast.movedFromVoteId, cast.voterTimeZone],
    });
  }
  const counted = Number(e.tallyEffect?.counted ?? 0);
  const weighted = e.tallyEffect?.weighted ?? 0;
  if (counted !== 0) {
    statements.push(
      { sql: `update ${votes} set counted = counted + $2::integer where vote_id = $1`, params: [e.voteId, counted] },
      {
        sql: `insert into ${schema.table('reach')} (feature_request_id, supplier_type, voters)
              select feature_request_id, supplier_type, $2::bigint from ${votes} where vote_id = $1
              on conflict (feature_request_id, supplier_type) do update set voters = ${schema.table('reach')}.voters + excluded.voters`,
        params: [e.voteId, counted],
      },
    );
  }
  // Exact sums (numeric): the same votes give the same digits in any order or grouping.
  statements.push({
    sql: `update ${schema.table('requests')} r set counted_votes = r.counted_votes + $2::bigint, trusted_weight = r.trusted_weight + $3::numeric,
            trend_sum = r.trend_sum + $2::bigint * coalesce((select v.term from ${votes} v where v.vote_id = $1), 0), last_event_at = greatest(r.last_event_at, $5)
          where r.id = $4`,
    params: [e.voteId, counted, String(weighted), e.featureRequestId, at],
  });
  if (weighted !== 0) {
    statements.push({
      sql: `insert into ${schema.table('zone_weights')} (feature_request_id, time_zone, trusted_weight)
            values ($2, coalesce((select v.time_zone from ${votes} v where v.vote_id = $1), 'UTC'), $3::numeric)
            on conflict (feature_request_id, time_zone) do update set trusted_weight = ${schema.table('zone_weights')}.trusted_weight + excluded.trusted_weight`,
      params: [e.voteId, e.featureRequestId, String(weighted)],
    });
  }
  return statements;
}
