import type { FraudEvidence, ReviewDecision, VoteHold, VoteSignals } from './vote';

export interface CastVote {
  readonly kind: 'CastVote';
  readonly voteId: string;
  readonly featureRequestId: string;
  readonly voterId: string;
  readonly at: Date;
  readonly weight: number;
  readonly signals: VoteSignals;
  readonly voterSupplierType: string;
  readonly voterAccountCreatedAt: Date | undefined;
  readonly featureRequestAuthorId: string;
  /** IANA zone, empty when unknown. */
  readonly voterTimeZone: string;
}

export interface RetractVote {
  readonly kind: 'RetractVote';
  readonly at: Date;
  readonly featureRequestId: string;
}

export interface FlagVote {
  readonly kind: 'FlagVote';
  readonly at: Date;
  readonly evidence: readonly FraudEvidence[];
}

export interface ReviewVote {
  readonly kind: 'ReviewVote';
  readonly at: Date;
  readonly reviewerId: string;
  readonly decision: ReviewDecision;
  readonly reason: string;
}

/** The vote's request was merged: the vote leaves for the target (see {@link ReceiveMovedVote}). */
export interface MoveVote {
  readonly kind: 'MoveVote';
  readonly at: Date;
  /** The vote the mover means: the stream's vote may be another by now (retracted and cast again). */
  readonly sourceVoteId: string;
  readonly targetFeatureRequestId: string;
  readonly targetVoteId: string;
  /** The voter already supports the target: this vote is dropped, not added. */
  readonly targetAlreadyVoted: boolean;
}

/** The target side of a move: the voter's vote arrives, still flagged if it was. */
export interface ReceiveMovedVote {
  readonly kind: 'ReceiveMovedVote';
  readonly at: Date;
  readonly cast: Omit<CastVote, 'kind' | 'at'>;
  readonly movedFromVoteId: string;
  /** The evidence the vote was held on at the source, when it was still waiting for review. */
  readonly flaggedEvidence: readonly FraudEvidence[];
}

/**
 * A merge is undone, at the target: the vote that arrived by it (`arrivedVoteId`) goes back as it
 * stands, if the voter has not retracted it meanwhile.
 */
export interface SendVoteBack {
  readonly kind: 'SendVoteBack';
  readonly at: Date;
  readonly arrivedVoteId: string;
  readonly sourceFeatureRequestId: string;
  readonly sourceVoteId: string;
}

/**
 * A merge is undone, at the source: the vote that moved counts here again. `returning` is how the
 * vote stands at the target when it comes back (a review made there holds); absent when it was
 * dropped at the target, so it comes back as it left.
 */
export interface RestoreVote {
  readonly kind: 'RestoreVote';
  readonly at: Date;
  readonly returning?: { readonly weight: number; readonly held: VoteHold; readonly reviewed: boolean };
}

export type VoteCommand = CastVote | RetractVote | FlagVote | ReviewVote | MoveVote | ReceiveMovedVote | SendVoteBack | RestoreVote;
