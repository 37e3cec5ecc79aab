import { randomUUID } from 'node:crypto';
import { frmEventsV1, timestampFromDate, toEventJson, type EventMessageFns } from '@frm/contracts';
import { eventIdFor, type EventStore, type JsonObject } from '@frm/event-store';
import { addVote, emptyTrend, trendAt, trendTermOf } from '@frm/trend';

interface TrackedVote {
  readonly voteId: string;
  readonly requestId: string;
  readonly voterId: string;
  /** The time its trend term is made from: its cast time, or for a vote that arrived by a merge the time of the vote it continues. */
  castAt: number;
  /** Not retracted, moved away or moved back. */
  active: boolean;
  /** Active and not held for review. */
  counting: boolean;
  readonly movedFrom?: string;
}

const effect = (counted: number, flagged = 0) => ({ counted: String(counted), flagged: String(flagged), weighted: counted });

/**
 * Appends the vote events the voting service would (one weight-1 vote per voter and request), and
 * keeps, as the oracle, which votes count and from which time: triage's trend is then
 * {@link trendAt} over exactly those votes.
 */
export class VotingHistory {
  private readonly votes = new Map<string, TrackedVote>();

  constructor(private readonly store: EventStore) {}

  /** A new vote; `held` casts it flagged (it counts once a reviewer clears it). */
  async cast(requestId: string, voterId: string, at: number, { held = false } = {}): Promise<string> {
    const vote: TrackedVote = { voteId: randomUUID(), requestId, voterId, castAt: at, active: true, counting: !held };
    this.votes.set(vote.voteId, vote);
    await this.appendCast(vote, at, '');
    return vote.voteId;
  }

  async retract(voteId: string, at: number): Promise<void> {
    const vote = this.vote(voteId);
    await this.append(vote, frmEventsV1.VoteRetracted, { ...frmEventsV1.VoteRetracted.fromPartial({}), ...this.about(vote, at), tallyEffect: effect(vote.counting ? -1 : 0) });
    vote.active = false;
    vote.counting = false;
  }

  /** The same vote cast again after it was retracted: it counts from its new time. */
  async recast(voteId: string, at: number): Promise<void> {
    const vote = this.vote(voteId);
    Object.assign(vote, { castAt: at, active: true, counting: true });
    await this.appendCast(vote, at, '');
  }

  async flag(voteId: string, at: number): Promise<void> {
    const vote = this.vote(voteId);
    await this.append(vote, frmEventsV1.VoteFlagged, { ...frmEventsV1.VoteFlagged.fromPartial({}), ...this.about(vote, at), tallyEffect: effect(-1, 1) });
    vote.counting = false;
  }

  async clear(voteId: string, at: number): Promise<void> {
    const vote = this.vote(voteId);
    await this.append(vote, frmEventsV1.VoteReviewed, {
      ...frmEventsV1.VoteReviewed.fromPartial({}),
      ...this.about(vote, at),
      reviewerId: 'staff',
      decision: frmEventsV1.VoteReviewDecision.VOTE_REVIEW_DECISION_CLEAR,
      tallyEffect: effect(1, -1),
    });
    vote.counting = true;
  }

  /**
   * What voting does when `sourceId` is merged into `targetId`: each vote moves, unless its voter
   * already voted for the target. Returns the id each moved vote has at the target.
   */
  async merge(sourceId: string, targetId: string, at: number): Promise<Map<string, string>> {
    const arrivals = new Map<string, string>();
    for (const vote of this.activeVotesOf(sourceId)) {
      const already = this.activeVotesOf(targetId).find((other) => other.voterId === vote.voterId);
      const arrived: TrackedVote = { voteId: randomUUID(), requestId: targetId, voterId: vote.voterId, castAt: vote.castAt, active: true, counting: vote.counting, movedFrom: vote.voteId };
      await this.append(vote, frmEventsV1.VoteMoved, {
        ...frmEventsV1.VoteMoved.fromPartial({}),
        ...this.about(vote, at),
        targetFeatureRequestId: targetId,
        targetVoteId: already?.voteId ?? arrived.voteId,
        targetAlreadyVoted: already !== undefined,
        flagged: !vote.counting,
        weight: 1,
        tallyEffect: effect(vote.counting ? -1 : 0),
      });
      vote.active = false;
      vote.counting = false;
      if (already) continue;
      this.votes.set(arrived.voteId, arrived);
      arrivals.set(vote.voteId, arrived.voteId);
      await this.appendCast(arrived, at, vote.voteId);
    }
    return arrivals;
  }

  /** What voting does when that merge is undone: each vote that came from `sourceId` and is still at the target goes back, as it stands. */
  async unmerge(sourceId: string, targetId: string, at: number): Promise<void> {
    for (const arrived of this.activeVotesOf(targetId).filter((vote) => vote.movedFrom && this.vote(vote.movedFrom).requestId === sourceId)) {
      const source = this.vote(arrived.movedFrom as string);
      await this.append(arrived, frmEventsV1.VoteMovedBack, {
        ...frmEventsV1.VoteMovedBack.fromPartial({}),
        ...this.about(arrived, at),
        sourceFeatureRequestId: sourceId,
        sourceVoteId: source.voteId,
        weight: 1,
        tallyEffect: effect(arrived.counting ? -1 : 0),
      });
      Object.assign(source, { active: true, counting: arrived.counting });
      Object.assign(arrived, { active: false, counting: false });
      await this.append(source, frmEventsV1.VoteRestored, { ...frmEventsV1.VoteRestored.fromPartial({}), ...this.about(source, at), weight: 1, tallyEffect: effect(source.counting ? 1 : 0) });
    }
  }

  /** Triage's trend of the request at `at` (after its latest vote): the votes that count, each from its own time. */
  trendAt(requestId: string, halfLifeMs: number, at: number): number {
    return trendAt(this.countingVotesOf(requestId).reduce((trend, vote) => addVote(trend, vote.castAt), emptyTrend(halfLifeMs)), at);
  }

  /** The exact sum of the trend terms of the votes that count, as the read model's `trend_sum` must hold it. */
  termSum(requestId: string, halfLifeMs: number): bigint {
    return this.countingVotesOf(requestId).reduce((sum, vote) => sum + trendTermOf(halfLifeMs, vote.castAt), 0n);
  }

  /** Not retracted, moved away or moved back. */
  isActive(voteId: string): boolean {
    return this.vote(voteId).active;
  }

  /** Active and not held for review. */
  isCounting(voteId: string): boolean {
    return this.vote(voteId).counting;
  }

  countedVotes(requestId: string): number {
    return this.countingVotesOf(requestId).length;
  }

  private countingVotesOf(requestId: string): TrackedVote[] {
    return [...this.votes.values()].filter((vote) => vote.requestId === requestId && vote.counting);
  }

  private activeVotesOf(requestId: string): TrackedVote[] {
    return [...this.votes.values()].filter((vote) => vote.requestId === requestId && vote.active);
  }

  private vote(voteId: string): TrackedVote {
    const vote = this.votes.get(voteId);
    if (!vote) throw new Error(`no vote ${voteId} in this history`);
    return vote;
  }

  private about(vote: TrackedVote, at: number) {
    return { voteId: vote.voteId, occurredAt: timestampFromDate(new Date(at)), featureRequestId: vote.requestId, voterId: vote.voterId };
  }

  private appendCast(vote: TrackedVote, at: number, movedFromVoteId: string): Promise<void> {
    return this.append(vote, frmEventsV1.VoteCast, {
      ...frmEventsV1.VoteCast.fromPartial({}),
      ...this.about(vote, at),
      weight: 1,
      movedFromVoteId,
      tallyEffect: vote.counting ? effect(1) : effect(0, 1),
    });
  }

  private async append<T>(vote: TrackedVote, fns: EventMessageFns<T>, message: T): Promise<void> {
    const event = { id: eventIdFor(randomUUID(), 0), type: fns.$type, data: toEventJson(fns, message) as JsonObject };
    await this.store.appendToStream(`vote-${vote.requestId}-${vote.voterId}`, [event], { expectedRevision: 'any' });
  }
}
