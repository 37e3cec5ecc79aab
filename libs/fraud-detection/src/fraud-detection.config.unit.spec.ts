import {
  DEFAULT_FRAUD_DETECTION_CONFIG,
  fraudDetectionConfigFrom,
  longestWindowMs,
} from './fraud-detection.config';
import { DAY, HOUR } from './testing/observed-votes.fixture';

describe('fraudDetectionConfigFrom', () => {
  it('is the default without overrides', () => {
    expect(fraudDetectionConfigFrom()).toEqual(DEFAULT_FRAUD_DETECTION_CONFIG);
  });

  it('overrides single fields and keeps the rest of their section', () => {
    const config = fraudDetectionConfigFrom({ sharedDevice: { minAccounts: 4 } });
    expect(config.sharedDevice).toEqual({ ...DEFAULT_FRAUD_DETECTION_CONFIG.sharedDevice, minAccounts: 4 });
    expect(config.burst).toEqual(DEFAULT_FRAUD_DETECTION_CONFIG.burst);
  });

  it('gives a frozen configuration', () => {
    const config = fraudDetectionConfigFrom();
    expect(Object.isFrozen(config.voteRing)).toBe(true);
    expect(Object.isFrozen(DEFAULT_FRAUD_DETECTION_CONFIG.voteWeight.bands)).toBe(true);
  });

  it.each([
    [{ sharedDevice: { score: 1.5 } }, 'sharedDevice.score must be a number from 0 to 1, got 1.5'],
    [{ burst: { windowMs: -1 } }, 'burst.windowMs must be a number of at least 0, got -1'],
    [{ window: { maxVotes: Number.NaN } }, 'window.maxVotes must be a number of at least 0, got NaN'],
    [{ voteRing: { minJaccard: 2 } }, 'voteRing.minJaccard must be a number from 0 to 1, got 2'],
    [{ serialVoting: { minShareOfVoterVotes: 80 } }, 'serialVoting.minShareOfVoterVotes must be a number from 0 to 1, got 80'],
    [{ voteWeight: { unknownAgeWeight: 0 } }, 'a vote weight must be above 0: every vote counts for something'],
    [
      { voteWeight: { bands: [{ maxAccountAgeMs: DAY, weight: 0.5 }, { maxAccountAgeMs: HOUR, weight: 0.2 }] } },
      'voteWeight.bands must be ordered from the youngest accounts to the oldest',
    ],
  ])('rejects nonsense: %j', (overrides, message) => {
    expect(() => fraudDetectionConfigFrom(overrides)).toThrow(new RangeError(message));
  });
});

describe('longestWindowMs', () => {
  it('is the longest look-back of any detector', () => {
    expect(longestWindowMs(DEFAULT_FRAUD_DETECTION_CONFIG)).toBe(7 * DAY);
    const short = fraudDetectionConfigFrom({ voteRing: { windowMs: HOUR }, serialVoting: { windowMs: HOUR } });
    expect(longestWindowMs(short)).toBe(DAY);
    const slowBaseline = fraudDetectionConfigFrom({
      voteRing: { windowMs: HOUR },
      serialVoting: { windowMs: HOUR },
      burst: { baselineMs: 2 * DAY },
    });
    expect(longestWindowMs(slowBaseline)).toBe(2 * DAY + slowBaseline.burst.windowMs);
  });
});
