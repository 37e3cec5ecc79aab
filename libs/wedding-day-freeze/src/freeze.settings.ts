import { z } from 'zod';
import { custom, type SettingsOf } from '@frm/config';
import { DEFAULT_FREEZE_POLICY, type BlackoutPeriod, type FreezePolicy } from './freeze-policy';
import { isTimeZone, localDateOf, WEEKDAYS, type Weekday } from './local-date';

const timeZone = custom({
  schema: z.string().refine(isTimeZone),
  expected: 'an IANA time zone name',
  example: 'Europe/London',
});

const weekdays = custom({
  schema: z
    .string()
    .transform((value) => (value.trim().toLowerCase() === 'none' ? [] : value.split(',').map((day) => day.trim().toLowerCase())))
    .pipe(z.array(z.enum(WEEKDAYS)))
    .transform((days): readonly Weekday[] => Object.freeze([...new Set(days)])),
  expected: 'weekday names, comma-separated (saturday or friday,saturday), or none',
  example: 'saturday',
  show: (days) => (days.length === 0 ? 'none' : days.join(',')),
});

const PERIOD = /^(\d{4}-\d{2}-\d{2})(?:\.\.(\d{4}-\d{2}-\d{2}))?$/;

const blackouts = custom({
  schema: z
    .string()
    .transform((value) => value.split(',').map((item) => item.trim()).filter((item) => item !== ''))
    .pipe(z.array(z.string().regex(PERIOD).refine(isPeriod)))
    .transform((items): readonly BlackoutPeriod[] => Object.freeze(items.map(periodOf))),
  expected: 'dates or date ranges, comma-separated (2026-12-24..2026-12-26,2027-06-19), each from a day to a later one',
  example: '2026-12-24..2026-12-26',
  show: (periods) => periods.map((period) => (period.from === period.to ? period.from : `${period.from}..${period.to}`)).join(','),
});

/** The settings every service that runs risky operations reads (the DR orchestrator, the `frm` tool). */
export const freezeSettings = {
  FRM_FREEZE_TIME_ZONE: timeZone
    .default(DEFAULT_FREEZE_POLICY.timeZone)
    .describe('the zone whose calendar says when it is a wedding day; risky operations wait for the next day there'),
  FRM_FREEZE_WEEKDAYS: weekdays
    .default(DEFAULT_FREEZE_POLICY.weekdays)
    .describe('weekdays on which projection swaps, restores, republishing, key rotation and deployments are refused (none: never)'),
  FRM_FREEZE_BLACKOUT_DATES: blackouts.optional().describe('more days without risky operations, in that zone: the peak of the season, holidays'),
};

export function freezePolicyFrom(settings: SettingsOf<typeof freezeSettings>): FreezePolicy {
  return {
    timeZone: settings.FRM_FREEZE_TIME_ZONE,
    weekdays: settings.FRM_FREEZE_WEEKDAYS,
    blackouts: settings.FRM_FREEZE_BLACKOUT_DATES ?? [],
  };
}

function isPeriod(item: string): boolean {
  try {
    const { from, to } = periodOf(item);
    return localDateOf(from) !== undefined && localDateOf(to) !== undefined && from <= to;
  } catch {
    return false;
  }
}

function periodOf(item: string): BlackoutPeriod {
  const [, from = '', to] = PERIOD.exec(item) ?? [];
  return { from, to: to ?? from };
}
