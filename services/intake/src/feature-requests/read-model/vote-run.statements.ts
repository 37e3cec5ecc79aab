import { frmEventsV1 } from '@frm/contracts';
import type { RecordedEvent } from '@frm/event-store';
import type { ProjectionSchema, SqlStatement } from '@frm/projections';
import { eventTimeOf, trendTermOf } from '@frm/trend';
import { voteTallyEffectOf, type VoteTallyEffect } from './vote-tally-effect';

/** A vote event of a run, with what `voteStatements` (vote.statements.ts) reads of it. */
interface RunVote extends VoteTallyEffect {
  /** Set for a cast: the term it brings, and the vote it continues after a merge. */
  readonly cast?: { readonly term: string; readonly movedFrom: string | null };
}

/**
 * Folds the vote events of a batch into a few statements per run, with the same effect as
 * `voteStatements` (vote.statements.ts) applied event by event — to the last digit, since the board's counts and
 * trend sums are exact (whole numbers and `numeric`), so their order does not matter.
 *
 * A run ends before a cast of a vote the run already touched (as itself or as the vote a merge
 * continues): a cast may set the vote's term, and every event of the vote before it must read the
 * term as it was. `vote` is called with each event in order; `end` flushes what is gathered.
 */
export class VoteRun {
  private votes: RunVote[] = [];
  private touched = new Set<string>();

  constructor(
    private readonly schema: ProjectionSchema,
    private readonly halfLifeMs: number,
    private readonly out: SqlStatement[],
    /** Called before a run's statements are written: what must be in place before them (the submissions gathered meanwhile). */
    private readonly beforeRun: () => void = () => undefined,
  ) {}

  /** Takes a vote event into the run; false if it is not one this build knows (it changes nothing). */
  add(recorded: RecordedEvent): boolean {
    const effect = voteTallyEffectOf(recorded);
    if (!effect) return false;
    let vote: RunVote = effect;
    if (recorded.type === frmEventsV1.VoteCast.$type) {
      const movedFrom = effect.movedFromVoteId;
      if (this.touched.has(effect.voteId) || (movedFrom !== null && this.touched.has(movedFrom))) this.end();
      vote = { ...effect, cast: { term: trendTermOf(this.halfLifeMs, eventTimeOf(recorded).getTime()).toString(), movedFrom } };
      if (movedFrom !== null) this.touched.add(movedFrom);
    }
    this.touched.add(effect.voteId);
    this.votes.push(vote);
    return true;
  }

  /** Writes the run's statements and starts a new run. */
  end(): void {
    const votes = this.votes;
    this.votes = [];
    this.touched = new Set();
    this.beforeRun();
    if (votes.length === 0) return;
    const voteTerms = this.schema.table('vote_terms');
    // A vote cast in the run is written with what the run's events count for it (every one of them
    // follows its cast: a cast of a vote the run touched ends the run), not written and then updated.
    const countedInRun = new Map<string, number>();
    for (const vote of votes) {
      if (vote.cast) countedInRun.set(vote.voteId, 0);
      const counted = countedInRun.get(vote.voteId);
      if (counted !== undefined) countedInRun.set(vote.voteId, counted + vote.counted);
    }
    const casts = votes.flatMap((vote) =>
      vote.cast
        ? [{ vote_id: vote.voteId, feature_request_id: vote.featureRequestId, term: vote.cast.term, moved_from: vote.cast.movedFrom, counted: countedInRun.get(vote.voteId) }]
        : [],
    );
    if (casts.length > 0) {
      // Terms are strings in the JSON: a term is a whole number far beyond a double's precision.
      // A vote that still counts keeps its row as RECAST does; the run's count is then added to it.
      this.out.push({
        sql: `with r as (
                select * from jsonb_to_recordset($1::jsonb) as r(vote_id uuid, feature_request_id uuid, term text, moved_from uuid, counted integer)
              ), written as (
                insert into ${voteTerms} (vote_id, feature_request_id, term, counted)
                select r.vote_id, r.feature_request_id, coalesce(moved.term, r.term::numeric), r.counted
                from r left join ${voteTerms} moved on moved.vote_id = r.moved_from
                on conflict (vote_id) do update set feature_request_id = excluded.feature_request_id, term = excluded.term, counted = excluded.counted
                  where vote_terms.counted = 0
                returning vote_id
              )
              update ${voteTerms} t set counted = t.counted + r.counted
              from r where t.vote_id = r.vote_id and r.counted <> 0 and r.vote_id not in (select vote_id from written)`,
        params: [JSON.stringify(casts)],
      });
    }
    const effects = votes
      .filter((vote) => vote.counted !== 0 || vote.weighted !== 0)
      .map((vote) => ({ vote_id: vote.voteId, feature_request_id: vote.featureRequestId, counted: vote.counted, weighted: vote.weighted }));
    if (effects.length === 0) return;
    const rows = `jsonb_to_recordset($1::jsonb) as r(vote_id uuid, feature_request_id uuid, counted bigint, weighted numeric)`;
    const countedElsewhere = effects.filter((effect) => effect.counted !== 0 && !countedInRun.has(effect.vote_id));
    if (countedElsewhere.length > 0) {
      this.out.push({
        sql: `update ${voteTerms} t set counted = t.counted + r.counted
              from (select vote_id, sum(counted)::integer as counted from ${rows} group by vote_id having sum(counted) <> 0) r
              where t.vote_id = r.vote_id`,
        params: [JSON.stringify(countedElsewhere)],
      });
    }
    this.out.push(
      {
        // Every event of a vote in the run reads the term the run's casts left: none of them changes it later.
        sql: `update ${this.schema.table('feature_requests')} f
              set vote_count = f.vote_count + a.counted, weighted_vote_count = f.weighted_vote_count + a.weighted, trend_sum = f.trend_sum + a.trend
              from (select r.feature_request_id, sum(r.counted) as counted, sum(r.weighted) as weighted, sum(r.counted * coalesce(t.term, 0)) as trend
                    from ${rows} left join ${voteTerms} t on t.vote_id = r.vote_id
                    group by r.feature_request_id) a
              where f.id = a.feature_request_id`,
        params: [JSON.stringify(effects)],
      },
    );
  }
}
