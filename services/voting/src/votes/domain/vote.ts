/** The signals a vote was cast with, as keyed hashes (never the raw address or fingerprint). */
export interface VoteSignals {
  readonly ipHash: string;
  readonly networkHash: string;
  readonly deviceHash: string;
  readonly userAgentHash: string;
}

/** One piece of evidence against a vote. */
export interface FraudEvidence {
  readonly kind: FraudKind;
  readonly score: number;
  readonly explanation: string;
  readonly relatedVoteIds: readonly string[];
}

export const FRAUD_KINDS = ['new_account', 'burst', 'vote_ring', 'shared_device', 'shared_network', 'rate_abuse', 'serial_voting'] as const;
export type FraudKind = (typeof FRAUD_KINDS)[number];

export type ReviewDecision = 'clear' | 'confirm_fraud';

/** Why an active vote does or does not count: it counts, it waits for review, or it is confirmed fraud. */
export type VoteHold = 'no' | 'flagged' | 'confirmed_fraud';

/** What one event changes in its feature request's tally. */
export interface TallyEffect {
  readonly counted: number;
  readonly flagged: number;
  readonly weighted: number;
}

export const NO_EFFECT: TallyEffect = { counted: 0, flagged: 0, weighted: 0 };

/**
 * A voter's vote for one feature request, as its stream `vote-<request>-<voter>` tells it.
 * `held` is why it does not count while active: flagged and waiting for review, or confirmed fraud.
 */
export type VoteState =
  | { readonly status: 'none' }
  | { readonly status: 'retracted'; readonly voteId: string }
  | {
      /** Sent back to the request it came from by an undone merge; the voter may vote here again. */
      readonly status: 'moved_back';
      readonly voteId: string;
      /** How it stood when it left, which is how it continues at the source. */
      readonly returned: Pick<ActiveVoteFields, 'weight' | 'held' | 'reviewed'>;
    }
  | {
      readonly status: 'moved';
      readonly voteId: string;
      readonly targetFeatureRequestId: string;
      /** The vote that carries it on at the target; empty when it was dropped there. */
      readonly targetVoteId: string;
      /** The vote as it was when it left: what an undone merge restores. */
      readonly before: ActiveVoteFields;
    }
  | ({ readonly status: 'active' } & ActiveVoteFields);

/** What an active vote is. */
export interface ActiveVoteFields {
  readonly voteId: string;
  readonly featureRequestId: string;
  readonly voterId: string;
  readonly castAt: Date;
  readonly weight: number;
  readonly held: VoteHold;
  /** Kinds of evidence already recorded, so a detector's repeat changes nothing. */
  readonly flaggedKinds: readonly FraudKind[];
  readonly reviewed: boolean;
}

export type ActiveVote = Extract<VoteState, { status: 'active' }>;

export const INITIAL_VOTE_STATE: VoteState = { status: 'none' };

/** The vote's contribution to its request's tally. */
export function contributionOf(state: VoteState): TallyEffect {
  if (state.status !== 'active') return NO_EFFECT;
  if (state.held === 'no') return { counted: 1, flagged: 0, weighted: state.weight };
  if (state.held === 'flagged') return { counted: 0, flagged: 1, weighted: 0 };
  return NO_EFFECT;
}

/** The effect of going from one state's contribution to another's. */
export function effectBetween(before: VoteState, after: VoteState): TallyEffect {
  const from = contributionOf(before);
  const to = contributionOf(after);
  return { counted: to.counted - from.counted, flagged: to.flagged - from.flagged, weighted: to.weighted - from.weighted };
}

export function voteStreamId(featureRequestId: string, voterId: string): string {
  return `vote-${featureRequestId}-${voterId}`;
}
