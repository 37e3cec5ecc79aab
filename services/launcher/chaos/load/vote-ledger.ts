/** What the client knows of one CastVote command (one request id), over all its attempts. */
export interface VoteAttempt {
  readonly requestId: string;
  readonly featureRequestId: string;
  readonly voterId: string;
  /** Headers of its caller, so that a retry is the same person from the same place. */
  readonly headers: Record<string, string>;
  outcome: 'pending' | 'acknowledged' | 'refused' | 'in-doubt';
  /** The vote's id, from the acknowledgement. */
  voteId?: string;
  attempts: number;
  lastCode: string;
}

/**
 * Every CastVote the load made. A vote counts as acknowledged only when a call returned OK: that
 * vote must be counted once, tallied, and published. A refusal (ALREADY_EXISTS, RESOURCE_EXHAUSTED…)
 * wrote nothing; an unanswered one (UNAVAILABLE, a broken connection) is in doubt until a retry with
 * the same request id settles it.
 */
export class VoteLedger {
  private readonly votes: VoteAttempt[] = [];

  add(vote: VoteAttempt): void {
    this.votes.push(vote);
  }

  get all(): readonly VoteAttempt[] {
    return this.votes;
  }

  acknowledged(): VoteAttempt[] {
    return this.votes.filter((vote) => vote.outcome === 'acknowledged');
  }

  inDoubt(): VoteAttempt[] {
    return this.votes.filter((vote) => vote.outcome === 'in-doubt' || vote.outcome === 'pending');
  }

  /** Acknowledged votes per feature request. */
  acknowledgedPerRequest(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const vote of this.acknowledged()) counts.set(vote.featureRequestId, (counts.get(vote.featureRequestId) ?? 0) + 1);
    return counts;
  }

  summary(): Record<string, number> {
    const summary: Record<string, number> = { commands: this.votes.length, acknowledgedAfterRetry: 0 };
    for (const vote of this.votes) {
      summary[vote.outcome] = (summary[vote.outcome] ?? 0) + 1;
      if (vote.outcome === 'acknowledged' && vote.attempts > 1) summary['acknowledgedAfterRetry'] = (summary['acknowledgedAfterRetry'] ?? 0) + 1;
    }
    return summary;
  }
}
