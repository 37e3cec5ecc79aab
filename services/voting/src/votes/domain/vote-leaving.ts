import type { FraudEvidence } from './vote';
import type { VoteCast, VoteEvent } from './vote.events';

/** What a vote carries to the request it is moved to: how it was cast, and what it was flagged on. */
export interface LeavingVote {
  readonly cast: VoteCast;
  readonly evidence: readonly FraudEvidence[];
}

/**
 * The vote that left a stream by the `VoteMoved` naming `targetVoteId`: its last cast and the
 * evidence recorded against it since, up to the move. Undefined when no such move is in the stream.
 */
export function voteLeavingFor(events: readonly VoteEvent[], targetVoteId: string): LeavingVote | undefined {
  let cast: VoteCast | undefined;
  let evidence: FraudEvidence[] = [];
  for (const event of events) {
    if (event.type === 'VoteCast') {
      cast = event;
      evidence = [];
    } else if (event.type === 'VoteFlagged') {
      evidence.push(...event.evidence);
    } else if (event.type === 'VoteMoved' && event.targetVoteId === targetVoteId && targetVoteId !== '') {
      return cast && { cast, evidence };
    }
  }
  return undefined;
}
