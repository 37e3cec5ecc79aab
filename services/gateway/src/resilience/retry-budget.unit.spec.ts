import { RetryBudget } from './retry-budget';

describe('retry budget', () => {
  it('allows a share of the calls plus a floor per second, and refuses beyond', () => {
    const now = 0;
    const budget = new RetryBudget({ ratio: 0.1, minPerSecond: 1, windowMs: 10_000 }, () => now);
    for (let i = 0; i < 100; i++) budget.called();
    // 10 for the share of 100 calls, 10 for the floor of 1 a second over 10 s.
    const granted = Array.from({ length: 30 }, () => budget.tryRetry()).filter(Boolean).length;
    expect(granted).toBe(20);
  });

  it('forgets calls and retries older than the window', () => {
    let now = 0;
    const budget = new RetryBudget({ ratio: 0.5, minPerSecond: 0, windowMs: 1_000 }, () => now);
    for (let i = 0; i < 4; i++) budget.called();
    expect([budget.tryRetry(), budget.tryRetry(), budget.tryRetry()]).toEqual([true, true, false]);
    now = 1_500;
    expect(budget.tryRetry()).toBe(false);
    budget.called();
    budget.called();
    expect([budget.tryRetry(), budget.tryRetry()]).toEqual([true, false]);
  });
});
