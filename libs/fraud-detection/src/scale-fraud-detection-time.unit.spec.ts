import { DEFAULT_FRAUD_DETECTION_CONFIG, fraudDetectionConfigFrom } from './fraud-detection.config';
import { scaleFraudDetectionTime } from './scale-fraud-detection-time';

/** Every number of a configuration by its path, e.g. `burst.windowMs`, `voteWeight.bands.0.weight`. */
function numbersOf(value: unknown, path = ''): Map<string, number> {
  if (typeof value === 'number') return new Map([[path, value]]);
  if (typeof value !== 'object' || value === null) return new Map();
  return new Map(
    Object.entries(value).flatMap(([key, child]) => [...numbersOf(child, path === '' ? key : `${path}.${key}`)]),
  );
}

// The config's own convention: a duration's name ends in Ms; nothing else is one.
const isDuration = (path: string) => /Ms$/.test(path);

describe('scaleFraudDetectionTime', () => {
  it.each([2, 120, 0.5])('divides every duration by %p and keeps every count, share and score', (factor) => {
    const original = numbersOf(DEFAULT_FRAUD_DETECTION_CONFIG);
    const scaled = numbersOf(scaleFraudDetectionTime(DEFAULT_FRAUD_DETECTION_CONFIG, factor));

    expect([...scaled.keys()]).toEqual([...original.keys()]);
    for (const [path, value] of original) {
      expect({ path, value: scaled.get(path) }).toEqual({ path, value: isDuration(path) ? value / factor : value });
    }
  });

  it('finds the durations the detectors use', () => {
    const durations = [...numbersOf(DEFAULT_FRAUD_DETECTION_CONFIG).keys()].filter(isDuration);
    expect(durations).toEqual([
      'sharedDevice.windowMs',
      'sharedNetwork.windowMs',
      'voteRing.windowMs',
      'burst.windowMs',
      'burst.baselineMs',
      'burst.youngAccountAgeMs',
      'newAccount.maxAccountAgeMs',
      'newAccount.waveWindowMs',
      'serialVoting.windowMs',
      'voteWeight.bands.0.maxAccountAgeMs',
      'voteWeight.bands.1.maxAccountAgeMs',
      'voteWeight.bands.2.maxAccountAgeMs',
    ]);
  });

  it('scales the configuration it is given, not the default', () => {
    const tuned = fraudDetectionConfigFrom({ burst: { windowMs: 60_000, minVotes: 7 } });
    const scaled = scaleFraudDetectionTime(tuned, 10);
    expect(scaled.burst).toMatchObject({ windowMs: 6_000, minVotes: 7 });
  });

  it('gives a frozen configuration and leaves its input alone', () => {
    const scaled = scaleFraudDetectionTime(DEFAULT_FRAUD_DETECTION_CONFIG, 60);
    expect(Object.isFrozen(scaled.voteWeight.bands[0])).toBe(true);
    expect(DEFAULT_FRAUD_DETECTION_CONFIG.burst.windowMs).toBe(10 * 60_000);
  });

  it.each([0, -2, Number.NaN, Number.POSITIVE_INFINITY])('refuses a factor of %p', (factor) => {
    expect(() => scaleFraudDetectionTime(DEFAULT_FRAUD_DETECTION_CONFIG, factor)).toThrow(RangeError);
  });
});
