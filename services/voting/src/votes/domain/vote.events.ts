import type { FraudEvidence, ReviewDecision, TallyEffect, VoteHold, VoteSignals } from './vote';

interface VoteEventBase {
  readonly voteId: string;
  readonly featureRequestId: string;
  readonly voterId: string;
  readonly occurredAt: Date;
  readonly tallyEffect: TallyEffect;
}

export interface VoteCast extends VoteEventBase {
  readonly type: 'VoteCast';
  readonly weight: number;
  readonly signals: VoteSignals;
  readonly voterSupplierType: string;
  readonly voterAccountCreatedAt: Date | undefined;
  readonly featureRequestAuthorId: string;
  readonly movedFromVoteId: string;
  readonly voterTimeZone: string;
}

export interface VoteRetracted extends VoteEventBase {
  readonly type: 'VoteRetracted';
}

export interface VoteFlagged extends VoteEventBase {
  readonly type: 'VoteFlagged';
  readonly evidence: readonly FraudEvidence[];
}

export interface VoteReviewed extends VoteEventBase {
  readonly type: 'VoteReviewed';
  readonly reviewerId: string;
  readonly decision: ReviewDecision;
  readonly reason: string;
}

export interface VoteMoved extends VoteEventBase {
  readonly type: 'VoteMoved';
  readonly targetFeatureRequestId: string;
  readonly targetVoteId: string;
  readonly targetAlreadyVoted: boolean;
  readonly flagged: boolean;
  readonly weight: number;
}

/** An undone merge sends a vote that arrived by it back to where it came from; appended at the target. */
export interface VoteMovedBack extends VoteEventBase {
  readonly type: 'VoteMovedBack';
  readonly sourceFeatureRequestId: string;
  readonly sourceVoteId: string;
  readonly weight: number;
  readonly held: VoteHold;
  readonly reviewed: boolean;
}

/** An undone merge: a vote that had moved counts for its own request again, as it stands now. */
export interface VoteRestored extends VoteEventBase {
  readonly type: 'VoteRestored';
  readonly weight: number;
  readonly held: VoteHold;
  readonly reviewed: boolean;
}

export type VoteEvent = VoteCast | VoteRetracted | VoteFlagged | VoteReviewed | VoteMoved | VoteMovedBack | VoteRestored;
