import { DateTime, IANAZone } from 'luxon';

/** Months are 1 (January) to 12 (December). */
export interface WeddingSeason {
  readonly months: readonly number[];
}

export const DEFAULT_WEDDING_SEASON: WeddingSeason = { months: [5, 6, 7, 8, 9, 10] };

/**
 * The share (0…1) of a request's trusted vote weight whose voters are in wedding season at event
 * time `at`: a voter is in season when the calendar month of `at` on the clock of the voter's own
 * IANA time zone is a season month. So at 23:30 UTC on 30 April a voter in Auckland is in May (in
 * season) while one in London is still in April. A zone that is missing or unknown counts as UTC.
 *
 * @param voteWeightByZone trusted vote weight per voter time zone
 */
export function seasonShare(voteWeightByZone: ReadonlyMap<string, number>, at: number, season: WeddingSeason): number {
  let total = 0;
  let inSeason = 0;
  // Sorted, so the floating-point sums are the same however the map was filled.
  for (const [zone, weight] of [...voteWeightByZone].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!(weight > 0)) continue;
    total += weight;
    if (isSeasonMonth(localMonth(at, zone), season)) inSeason += weight;
  }
  return total === 0 ? 0 : inSeason / total;
}

export function isSeasonMonth(month: number, season: WeddingSeason): boolean {
  return season.months.includes(month);
}

function localMonth(at: number, zone: string): number {
  return DateTime.fromMillis(at, { zone: IANAZone.isValidZone(zone) ? zone : 'UTC' }).month;
}

/** "May–October" or "November–March" for one run of months, else a list. */
export function describeSeason(season: WeddingSeason): string {
  const months = [...new Set(season.months)].sort((a, b) => a - b);
  const name = (month: number) => DateTime.utc(2000, month, 1).setLocale('en').toFormat('LLLL');
  const next = (month: number) => (month % 12) + 1;
  const first = months.find((month) => !months.includes(month === 1 ? 12 : month - 1));
  if (months.length > 2 && months.length < 12 && first !== undefined) {
    let last = first;
    while (months.includes(next(last))) last = next(last);
    const runLength = ((last - first + 12) % 12) + 1;
    if (runLength === months.length) return `${name(first)}–${name(last)}`;
  }
  if (months.length === 12) return 'all year';
  return months.map(name).join(', ');
}
