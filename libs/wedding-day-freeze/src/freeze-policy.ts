import type { Weekday } from './local-date';

/** Days (inclusive) on which nothing risky may happen, such as the peak of the season or a holiday. */
export interface BlackoutPeriod {
  readonly from: string;
  readonly to: string;
}

/**
 * When risky operations are refused: every week on `weekdays` (Saturday: the weddings) and on the
 * blackout periods, each a calendar day in `timeZone`.
 */
export interface FreezePolicy {
  readonly timeZone: string;
  readonly weekdays: readonly Weekday[];
  readonly blackouts: readonly BlackoutPeriod[];
}

export const DEFAULT_FREEZE_POLICY: FreezePolicy = { timeZone: 'Europe/London', weekdays: ['saturday'], blackouts: [] };

/** Where a risky operation reads the time; tests pass a fixed one to cover any weekday. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
