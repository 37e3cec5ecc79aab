import { frmEventsV1 } from '@frm/contracts';
import type { RecordedEvent } from '@frm/event-store';
import type { ProjectionSchema, SqlStatement } from '@frm/projections';
import { eventTimeOf, trendTermOf } from '@frm/trend';
import { voteTallyEffectOf } from './vote-tally-effect';

/**
 * A vote cast again after it was taken back counts from its new time; while it counts (or waits
 * for review) its term stays, so what it takes back later is what it added.
 */
const RECAST = `on conflict (vote_id) do update set feature_request_id = excluded.feature_request_id, term = excluded.term
  where vote_terms.counted = 0`;

/**
 * A vote event's change to its request: the counted votes, their weight and the trend sum, each
 * by the tally effect voting decided. The trend adds counted × the vote's term (see @frm/trend's
 * trend-terms.ts), an exact whole number kept per vote, so a vote retracted, flagged, moved away
 * or moved back takes back exactly its term, and a vote that arrived by a merge adds the term of
 * the vote it continues (its first cast time), as triage does.
 */
export function voteStatements(recorded: RecordedEvent, schema: ProjectionSchema, halfLifeMs: number): SqlStatement[] {
  const effect = voteTallyEffectOf(recorded);
  if (!effect) return [];
  const voteTerms = schema.table('vote_terms');
  const statements: SqlStatement[] = [];
  if (recorded.type === frmEventsV1.VoteCast.$type) {
    const term = trendTermOf(halfLifeMs, eventTimeOf(recorded).getTime()).toString();
    statements.push({
      sql: `insert into ${voteTerms} (vote_id, feature_request_id, term)
            select $1, $2, coalesce(moved.term, $3::numeric)
            from (select 1) as one left join ${voteTerms} moved on moved.vote_id = nullif($4, '')::uuid
            ${RECAST}`,
      params: [effect.voteId, effect.featureRequestId, term, effect.movedFromVoteId ?? ''],
    });
  }
  if (effect.counted !== 0) {
    statements.push({ sql: `update ${voteTerms} set counted = counted + $2::integer where vote_id = $1`, params: [effect.voteId, effect.counted] });
  }
  if (effect.counted === 0 && effect.weighted === 0) return statements;
  statements.push({
    sql: `update ${schema.table('feature_requests')}
          set vote_count = vote_count + $2, weighted_vote_count = weighted_vote_count + $3,
              trend_sum = trend_sum + $2::bigint * coalesce((select term from ${voteTerms} where vote_id = $4), 0)
          where id = $1`,
    params: [effect.featureRequestId, String(effect.counted), effect.weighted, effect.voteId],
  });
  return statements;
}
