import { FraudSignalKind, VoteReviewDecision } from '../../gen/frm/v1/vote_pb';
import { fraudSignalLabel, reviewDecisionLabel, scorePercent } from './fraud-signal-labels';

describe('fraud signal labels', () => {
  it('names each kind of evidence in words', () => {
    expect(fraudSignalLabel(FraudSignalKind.SHARED_DEVICE)).toBe('Shared device');
    expect(fraudSignalLabel(FraudSignalKind.VOTE_RING)).toBe('Vote ring');
    expect(fraudSignalLabel(42 as FraudSignalKind)).toBe('Other evidence');
  });

  it('shows scores as bounded percentages', () => {
    expect([scorePercent(0.874), scorePercent(1.2), scorePercent(-0.1)]).toEqual(['87%', '100%', '0%']);
  });

  it('says what a review decided', () => {
    expect(reviewDecisionLabel(VoteReviewDecision.CLEAR)).toContain('counts');
    expect(reviewDecisionLabel(VoteReviewDecision.CONFIRM_FRAUD)).toContain('fraud');
    expect(reviewDecisionLabel(VoteReviewDecision.UNSPECIFIED)).toBe('Not reviewed');
  });
});
