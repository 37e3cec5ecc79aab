import { DEFAULT_RETRY_POLICY, retryDelayMs } from './retry-policy';

describe('retry delays', () => {
  const policy = { ...DEFAULT_RETRY_POLICY, initialDelayMs: 100, maxDelayMs: 1_000 };
  const middle = () => 0.5;

  it('double with each attempt up to the maximum', () => {
    expect([1, 2, 3, 4, 5, 6].map((attempt) => retryDelayMs(attempt, policy, middle))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('jitter by at most 20 %', () => {
    expect(retryDelayMs(1, policy, () => 0)).toBe(80);
    expect(retryDelayMs(1, policy, () => 0.999999)).toBe(120);
  });
});
