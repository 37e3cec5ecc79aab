import { frmEventsV1, fromStoredEventJson, VOTE_TALLY_EVENTS, type VoteTallyEvent } from '@frm/contracts';
import type { RecordedEvent } from '@frm/event-store';
import type { ProjectionSchema, SqlStatement } from '@frm/projections';
import { eventTimeOf, trendTermOf } from '@frm/trend';

interface Submission {
  readonly id: string;
  readonly ord: number;
  readonly author_id: string;
  readonly title: string;
  readonly description: string;
  readonly category: string;
  readonly tags: readonly string[];
  readonly at: string;
}

interface Cast {
  readonly vote_id: string;
  /** What the run's events count for the vote (each of them follows its cast), written with the row. */
  counted: number;
  readonly feature_request_id: string;
  readonly supplier_type: string;
  readonly cast_at: string;
  readonly term: string;
  readonly time_zone: string;
}

interface Effect {
  readonly vote_id: string;
  /** The vote was cast in the run: its count went in with its row. */
  readonly cast_in_run: boolean;
  readonly feature_request_id: string;
  readonly counted: number;
  readonly weighted: number;
  readonly at: string;
}

/**
 * The projection's batch handler: the same effect as its handler applied event by event, in a few
 * statements. Between two events of other kinds (edits, status changes, RICE, erasures, applied one
 * by one), the submissions and vote events are applied as three statements: the submissions, numbered
 * in event order (a vote always follows the submission of its request, so they may go first); the
 * casts, each written with what the run counts for it (not written, then updated); and their effects
 * added up per vote, per request and supplier type, and per request —
 * exact sums (numeric), so the digits are the same in any grouping. A vote moved by a merge (its
 * source's row must be read first) or cast again after an event about it ends the run too.
 */
export function batchStatements(
  events: readonly RecordedEvent[],
  schema: ProjectionSchema,
  halfLifeMs: number,
  handleOne: (recorded: RecordedEvent) => readonly SqlStatement[],
): SqlStatement[] {
  const statements: SqlStatement[] = [];
  let submissions: Submission[] = [];
  let casts: Cast[] = [];
  let effects: Effect[] = [];
  // The casts of the run by vote, to add up what the run counts for each.
  let castOf = new Map<string, Cast>();
  // What the run holds so far, looked up once per event (runs are a thousand events long).
  const submitted = new Set<string>();
  const affected = new Set<string>();
  const flush = () => {
    if (submissions.length > 0) statements.push(submissionsStatement(submissions, schema));
    if (casts.length > 0) statements.push(castsStatement(casts, schema));
    if (effects.length > 0) statements.push(effectsStatement(effects, schema));
    submissions = [];
    casts = [];
    effects = [];
    castOf = new Map();
    submitted.clear();
    affected.clear();
  };
  for (const recorded of events) {
    const at = eventTimeOf(recorded).toISOString();
    if (recorded.type === frmEventsV1.FeatureRequestSubmitted.$type) {
      const e = fromStoredEventJson(frmEventsV1.FeatureRequestSubmitted, recorded.data);
      if (submitted.has(e.featureRequestId)) continue;
      submitted.add(e.featureRequestId);
      submissions.push({ id: e.featureRequestId, ord: submissions.length, author_id: e.authorId, title: e.title, description: e.description, category: e.category, tags: e.tags, at });
      continue;
    }
    const fns = VOTE_TALLY_EVENTS.get(recorded.type);
    if (fns === undefined) {
      flush();
      statements.push(...handleOne(recorded));
      continue;
    }
    const cast = recorded.type === frmEventsV1.VoteCast.$type ? fromStoredEventJson(frmEventsV1.VoteCast, recorded.data) : undefined;
    // A cast is read once: it carries the tally effect as every vote tally event does.
    const e = (cast as VoteTallyEvent | undefined) ?? fromStoredEventJson(fns, recorded.data);
    if (cast) {
      // A vote cast again must see its row as the events before it in the run left it.
      if (cast.movedFromVoteId !== '' || affected.has(cast.voteId)) {
        flush();
        statements.push(...handleOne(recorded));
        continue;
      }
      const row: Cast = {
        vote_id: cast.voteId,
        counted: 0,
        feature_request_id: cast.featureRequestId,
        supplier_type: cast.voterSupplierType,
        cast_at: at,
        term: trendTermOf(halfLifeMs, Date.parse(at)).toString(),
        time_zone: cast.voterTimeZone || 'UTC',
      };
      casts.push(row);
      castOf.set(row.vote_id, row);
    }
    affected.add(e.voteId);
    const castInRun = castOf.get(e.voteId);
    if (castInRun) castInRun.counted += Number(e.tallyEffect?.counted ?? 0);
    effects.push({ vote_id: e.voteId, cast_in_run: castInRun !== undefined, feature_request_id: e.featureRequestId, counted: Number(e.tallyEffect?.counted ?? 0), weighted: e.tallyEffect?.weighted ?? 0, at });
  }
  flush();
  return statements;
}

function submissionsStatement(submissions: readonly Submission[], schema: ProjectionSchema): SqlStatement {
  const requests = schema.table('requests');
  return {
    sql: `insert into ${requests} (id, seq, text_seq, author_id, title, description, original_title, original_description, category, tags, status, last_event_at)
          select s.id, base.seq + row_number() over (order by s.ord), base.text_seq + row_number() over (order by s.ord), s.author_id, s.title, s.description,
                 s.title, s.description, s.category, array(select jsonb_array_elements_text(s.tags)), 'FEATURE_REQUEST_STATUS_SUBMITTED', s.at
          from jsonb_to_recordset($1::jsonb) as s(id uuid, ord integer, author_id text, title text, description text, category text, tags jsonb, at timestamptz)
          cross join (select coalesce(max(seq), 0) as seq, coalesce(max(text_seq), 0) as text_seq from ${requests}) as base
          where not exists (select 1 from ${requests} r where r.id = s.id)
          order by s.ord
          on conflict (id) do nothing`,
    params: [JSON.stringify(submissions)],
  };
}

/**
 * The run's casts, each with what the run counts for it. A vote that still counts keeps its row (as
 * the handler's RECAST); the run's count is then added to it.
 */
function castsStatement(casts: readonly Cast[], schema: ProjectionSchema): SqlStatement {
  const votes = schema.table('votes');
  return {
    sql: `with c as (
            select * from jsonb_to_recordset($1::jsonb) as c(vote_id uuid, feature_request_id uuid, supplier_type text, cast_at timestamptz, term numeric, time_zone text, counted integer)
          ), written as (
            insert into ${votes} (vote_id, feature_request_id, supplier_type, cast_at, term, time_zone, counted)
            select c.vote_id, c.feature_request_id, c.supplier_type, c.cast_at, c.term, c.time_zone, c.counted from c
            on conflict (vote_id) do update set feature_request_id = excluded.feature_request_id, supplier_type = excluded.supplier_type,
              cast_at = excluded.cast_at, term = excluded.term, time_zone = excluded.time_zone, counted = excluded.counted where votes.counted = 0
            returning vote_id
          )
          update ${votes} v set counted = v.counted + c.counted
          from c where v.vote_id = c.vote_id and c.counted <> 0 and c.vote_id not in (select vote_id from written)`,
    params: [JSON.stringify(casts)],
  };
}

/**
 * Every effect of the run at once. A vote's reach row is touched as the handler touches it: only
 * when one of its events changed the counted votes (a sum of +1 and -1 still leaves its row at 0).
 */
function effectsStatement(effects: readonly Effect[], schema: ProjectionSchema): SqlStatement {
  const [votes, reach, requests, zoneWeights] = [schema.table('votes'), schema.table('reach'), schema.table('requests'), schema.table('zone_weights')];
  return {
    sql: `with effect as (
            select * from jsonb_to_recordset($1::jsonb) as e(vote_id uuid, cast_in_run boolean, feature_request_id uuid, counted bigint, weighted numeric, at timestamptz)
          ), per_vote as (
            select vote_id, bool_or(cast_in_run) as cast_in_run, sum(counted) as counted from effect group by vote_id having bool_or(counted <> 0)
          ), counted_votes as (
            -- The run's casts were written with their count.
            update ${votes} v set counted = v.counted + p.counted from per_vote p where v.vote_id = p.vote_id and not p.cast_in_run
          ), reach_rows as (
            insert into ${reach} (feature_request_id, supplier_type, voters)
            select v.feature_request_id, v.supplier_type, sum(p.counted) from per_vote p join ${votes} v on v.vote_id = p.vote_id
            group by v.feature_request_id, v.supplier_type
            on conflict (feature_request_id, supplier_type) do update set voters = ${reach}.voters + excluded.voters
          ), zone_rows as (
            -- As the handler does: a row for every request and zone an event of non-zero weight touched.
            insert into ${zoneWeights} (feature_request_id, time_zone, trusted_weight)
            select e.feature_request_id, coalesce(v.time_zone, 'UTC'), sum(e.weighted) from effect e left join ${votes} v on v.vote_id = e.vote_id
            group by e.feature_request_id, coalesce(v.time_zone, 'UTC') having bool_or(e.weighted <> 0)
            on conflict (feature_request_id, time_zone) do update set trusted_weight = ${zoneWeights}.trusted_weight + excluded.trusted_weight
          )
          update ${requests} r set counted_votes = r.counted_votes + x.counted, trusted_weight = r.trusted_weight + x.weighted,
            trend_sum = r.trend_sum + x.trend, last_event_at = greatest(r.last_event_at, x.at)
          from (
            select e.feature_request_id, sum(e.counted) as counted, sum(e.weighted) as weighted, sum(e.counted * coalesce(v.term, 0)) as trend, max(e.at) as at
            from effect e left join ${votes} v on v.vote_id = e.vote_id group by e.feature_request_id
          ) x
          where r.id = x.feature_request_id`,
    params: [JSON.stringify(effects)],
  };
}
