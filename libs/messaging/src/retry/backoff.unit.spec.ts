import { backoffDelayMs, pause } from './backoff';

describe('backoff', () => {
  const policy = { initialDelayMs: 100, maxDelayMs: 1_000 };
  const middle = () => 0.5;

  it('doubles with each attempt up to the maximum', () => {
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelayMs(attempt, policy, middle))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('jitters by at most 20 %', () => {
    expect(backoffDelayMs(1, policy, () => 0)).toBe(80);
    expect(backoffDelayMs(1, policy, () => 0.999999)).toBe(120);
  });

  it('pauses no longer than until the signal fires', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 10);
    await pause(10_000, controller.signal);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
