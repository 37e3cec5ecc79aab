import { DateTime } from 'luxon';

export type DigestFrequency = 'DIGEST_FREQUENCY_DAILY' | 'DIGEST_FREQUENCY_WEEKLY';

export interface DigestPeriod {
  /** `2026-11-26` for a day, `2026-W48` for an ISO week, in the person's zone. */
  readonly label: string;
  readonly end: Date;
}

/**
 * The latest digest period that has ended by `now` in the person's zone: yesterday for a daily
 * digest, last ISO week (Monday to Sunday) for a weekly one. A digest holds what was pending when
 * its period ended, so it is built once, after the end, whatever the time of the round.
 */
export function latestEndedPeriod(frequency: DigestFrequency, timeZone: string, now: Date): DigestPeriod {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  if (frequency === 'DIGEST_FREQUENCY_WEEKLY') {
    const end = local.startOf('week');
    const start = end.minus({ weeks: 1 });
    return { label: `${start.weekYear}-W${String(start.weekNumber).padStart(2, '0')}`, end: end.toJSDate() };
  }
  const end = local.startOf('day');
  return { label: end.minus({ days: 1 }).toISODate() as string, end: end.toJSDate() };
}
