import { addDays, localDateIn, localDateOf } from './local-date';
import type { FreezePolicy } from './freeze-policy';

/** Why a day is frozen, in words an operator can act on. */
export interface FreezeRule {
  readonly kind: 'weekday' | 'blackout';
  /** The frozen day in the policy's zone. */
  readonly localDate: string;
  readonly timeZone: string;
  /** "it is Saturday 2026-11-28 in Europe/London, a wedding day (FRM_FREEZE_WEEKDAYS)". */
  readonly description: string;
  /** The first day after it that is not frozen. */
  readonly reopensOn: string;
}

// A policy that froze every day for a year is a mistake in the settings, not a calendar.
const SEARCH_DAYS = 366;

/** The rule that freezes `at`, or `undefined` when risky operations may go ahead. */
export function freezeRuleAt(at: Date, policy: FreezePolicy): FreezeRule | undefined {
  const today = localDateIn(at, policy.timeZone).isoDate;
  const kind = frozenBy(today, policy);
  if (!kind) return undefined;
  const day = localDateOf(today);
  const weekday = day.weekday[0]?.toUpperCase() + day.weekday.slice(1);
  const blackout = policy.blackouts.find((period) => period.from <= today && today <= period.to);
  const description =
    kind === 'weekday'
      ? `it is ${weekday} ${today} in ${policy.timeZone}, a wedding day (FRM_FREEZE_WEEKDAYS)`
      : `${weekday} ${today} in ${policy.timeZone} is in the blackout ${blackout?.from === blackout?.to ? blackout?.from : `${blackout?.from}..${blackout?.to}`} (FRM_FREEZE_BLACKOUT_DATES)`;
  return { kind, localDate: today, timeZone: policy.timeZone, description, reopensOn: reopeningAfter(today, policy) };
}

function frozenBy(isoDate: string, policy: FreezePolicy): FreezeRule['kind'] | undefined {
  if (policy.blackouts.some((period) => period.from <= isoDate && isoDate <= period.to)) return 'blackout';
  if (policy.weekdays.includes(localDateOf(isoDate).weekday)) return 'weekday';
  return undefined;
}

function reopeningAfter(isoDate: string, policy: FreezePolicy): string {
  for (let day = 1; day <= SEARCH_DAYS; day++) {
    const candidate = addDays(isoDate, day);
    if (!frozenBy(candidate, policy)) return candidate;
  }
  throw new RangeError(`the freeze policy freezes every day of the year after ${isoDate}; check FRM_FREEZE_WEEKDAYS and FRM_FREEZE_BLACKOUT_DATES`);
}
