export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A calendar day in some time zone: `2026-11-28`, a Saturday. */
export interface LocalDate {
  readonly isoDate: string;
  readonly weekday: Weekday;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Whether the runtime knows `timeZone` as an IANA zone name (`Europe/London`, `UTC`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The day `instant` falls on in `timeZone`, daylight saving included. */
export function localDateIn(instant: Date, timeZone: string): LocalDate {
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(instant).map((part) => [part.type, part.value]));
  return localDateOf(`${parts['year']}-${parts['month']}-${parts['day']}`);
}

/** The weekday of a calendar date, which needs no time zone. */
export function localDateOf(isoDate: string): LocalDate {
  const match = ISO_DATE.exec(isoDate);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!date || date.toISOString().slice(0, 10) !== isoDate) throw new RangeError(`${JSON.stringify(isoDate)} is not a calendar date (YYYY-MM-DD)`);
  return { isoDate, weekday: WEEKDAYS[date.getUTCDay()] as Weekday };
}

/** The calendar date `days` after `isoDate`. */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${localDateOf(isoDate).isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // en-CA with numeric parts gives the parts in a fixed shape whatever the default locale.
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}
