import { fraudDetectionConfigFrom } from './fraud-detection.config';
import { aVote, DAY, HOUR, T0 } from './testing/observed-votes.fixture';
import { voteWeight } from './vote-weight';

const ofAge = (ageMs: number) => aVote({ castAt: T0, accountCreatedAt: T0 - ageMs });

describe('voteWeight', () => {
  it('trusts an account less the younger it is', () => {
    expect(voteWeight(ofAge(HOUR))).toBe(0.25);
    expect(voteWeight(ofAge(DAY))).toBe(0.5);
    expect(voteWeight(ofAge(6 * DAY))).toBe(0.5);
    expect(voteWeight(ofAge(7 * DAY))).toBe(0.8);
    expect(voteWeight(ofAge(29 * DAY))).toBe(0.8);
    expect(voteWeight(ofAge(30 * DAY))).toBe(1);
    expect(voteWeight(ofAge(3 * 365 * DAY))).toBe(1);
  });

  it('weighs an account of unknown age as unproven but not new', () => {
    expect(voteWeight(aVote({ accountCreatedAt: undefined }))).toBe(0.8);
  });

  it('treats a creation time after the vote (clock skew) as a brand-new account', () => {
    expect(voteWeight(aVote({ castAt: T0, accountCreatedAt: T0 + HOUR }))).toBe(0.25);
  });

  it('follows the configured bands', () => {
    const config = fraudDetectionConfigFrom({ voteWeight: { bands: [{ maxAccountAgeMs: 2 * DAY, weight: 0.1 }] } });
    expect(voteWeight(ofAge(DAY), config)).toBe(0.1);
    expect(voteWeight(ofAge(3 * DAY), config)).toBe(1);
  });
});
