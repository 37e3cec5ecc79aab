import { DEFAULT_WEBHOOK_RETRY_SCHEDULE, InvalidRetryScheduleError, nextAttemptAt, parseRetrySchedule } from './retry-schedule';

describe('webhook retry schedule', () => {
  it('reads the default schedule as seven delays', () => {
    expect(parseRetrySchedule(DEFAULT_WEBHOOK_RETRY_SCHEDULE)).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    expect(parseRetrySchedule(' 100ms , 1d')).toEqual([100, 86_400_000]);
  });

  it('refuses what is not a list of durations above zero, naming the setting and an example', () => {
    for (const bad of ['', '5s,,5m', 'soon', '0s', '-5s', '5 parsecs']) {
      expect(() => parseRetrySchedule(bad)).toThrow(InvalidRetryScheduleError);
    }
    expect(() => parseRetrySchedule('5s,later')).toThrow(/FRM_WEBHOOK_RETRY_SCHEDULE: "later".*5s,5m,30m/);
  });

  it('waits the scheduled delay after each failure, spread by at most a fifth either way, then gives up', () => {
    const schedule = parseRetrySchedule('5s,5m,30m');
    const failedAt = new Date('2026-11-26T10:00:00Z');
    expect(nextAttemptAt(schedule, 1, failedAt, 0.5)?.toISOString()).toBe('2026-11-26T10:00:05.000Z');
    expect(nextAttemptAt(schedule, 2, failedAt, 0)?.getTime()).toBe(failedAt.getTime() + 240_000);
    expect(nextAttemptAt(schedule, 3, failedAt, 0.999_999)?.getTime()).toBeLessThanOrEqual(failedAt.getTime() + 2_160_000);
    expect(nextAttemptAt(schedule, 4, failedAt, 0.5)).toBeUndefined();
  });
});
