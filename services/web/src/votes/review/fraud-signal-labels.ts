import { FraudSignalKind, VoteReviewDecision } from '../../gen/frm/v1/vote_pb';

const SIGNALS: Readonly<Record<FraudSignalKind, string>> = {
  [FraudSignalKind.UNSPECIFIED]: 'Other evidence',
  [FraudSignalKind.NEW_ACCOUNT]: 'Brand-new account',
  [FraudSignalKind.BURST]: 'Burst of votes',
  [FraudSignalKind.VOTE_RING]: 'Vote ring',
  [FraudSignalKind.SHARED_DEVICE]: 'Shared device',
  [FraudSignalKind.SHARED_NETWORK]: 'Shared network',
  [FraudSignalKind.RATE_ABUSE]: 'Voting too fast',
  [FraudSignalKind.SERIAL_VOTING]: 'Serial voting for one author',
};

export function fraudSignalLabel(kind: FraudSignalKind): string {
  return SIGNALS[kind] ?? SIGNALS[FraudSignalKind.UNSPECIFIED];
}

/** A detector's score (0 to 1) as a share people read: `0.87` → `87%`. */
export function scorePercent(score: number): string {
  return `${Math.round(Math.min(1, Math.max(0, score)) * 100)}%`;
}

export function reviewDecisionLabel(decision: VoteReviewDecision): string {
  switch (decision) {
    case VoteReviewDecision.CLEAR:
      return 'Cleared: the vote counts';
    case VoteReviewDecision.CONFIRM_FRAUD:
      return 'Confirmed as fraud: the vote never counts';
    default:
      return 'Not reviewed';
  }
}
