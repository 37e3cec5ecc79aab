/** A vote as the detectors see it: who, what, when, and the keyed hashes of where it came from. */
export interface ObservedVote {
  voteId: string;
  featureRequestId: string;
  voterId: string;
  /** Milliseconds since the epoch. */
  castAt: number;
  /** Milliseconds since the epoch; undefined when the voter's token did not say. */
  accountCreatedAt?: number;
  /** Keyed hashes (see `hashSignals`); '' when unknown. */
  ipHash: string;
  networkHash: string;
  deviceHash: string;
  /** Who submitted the feature request voted for. */
  requestAuthorId: string;
}

/** A vote taken back; its evidence no longer counts against anyone. */
export interface ObservedRetraction {
  voteId: string;
  at: number;
}

export type FraudSignalKind =
  | 'new_account'
  | 'burst'
  | 'vote_ring'
  | 'shared_device'
  | 'shared_network'
  | 'serial_voting';

/** One vote to flag for one reason; the voting service records it as a `VoteFlagged` event. */
export interface Finding {
  /** The vote to flag; often an earlier vote that the newest one revealed. */
  voteId: string;
  kind: FraudSignalKind;
  /** 0..1: how sure the detector is. */
  score: number;
  /** For a human reviewer; never contains raw IPs or device identifiers. */
  explanation: string;
  /** The other votes sharing the evidence. */
  relatedVoteIds: string[];
}
