import ms from 'ms';

/** The delays between a failed delivery and its next attempts: the platform's default. */
export const DEFAULT_WEBHOOK_RETRY_SCHEDULE = '5s,5m,30m,2h,5h,10h,10h';
/** Each delay is spread by up to this share either way, so that retries of many deliveries do not arrive together. */
const JITTER = 0.2;

export class InvalidRetryScheduleError extends Error {
  override readonly name = 'InvalidRetryScheduleError';
}

/**
 * Parses `FRM_WEBHOOK_RETRY_SCHEDULE`: comma-separated durations (`5s`, `5m`, `2h`, `1d`), one per
 * retry, each above zero.
 * @returns the delays in milliseconds
 */
export function parseRetrySchedule(text: string): number[] {
  const parts = text.split(',').map((part) => part.trim());
  const delays = parts.map((part) => {
    const delay = part === '' ? undefined : (ms(part as ms.StringValue) as number | undefined);
    if (delay === undefined || !Number.isFinite(delay) || delay <= 0) {
      throw new InvalidRetryScheduleError(
        `FRM_WEBHOOK_RETRY_SCHEDULE: "${part}" is not a duration above zero; give comma-separated durations such as ${DEFAULT_WEBHOOK_RETRY_SCHEDULE}`,
      );
    }
    return delay;
  });
  return delays;
}

/**
 * When attempt `failedAttempts + 1` of a delivery is due, after `failedAttempts` failures (the last
 * at `lastAttemptAt`); `undefined` once the schedule is spent: the delivery goes to the dead letters.
 * `random` in [0, 1) spreads the delay by ±20%.
 */
export function nextAttemptAt(schedule: readonly number[], failedAttempts: number, lastAttemptAt: Date, random: number): Date | undefined {
  const delay = schedule[failedAttempts - 1];
  if (delay === undefined) return undefined;
  const spread = delay * JITTER * (2 * random - 1);
  return new Date(lastAttemptAt.getTime() + Math.round(delay + spread));
}
