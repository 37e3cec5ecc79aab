import { DateTime, IANAZone } from 'luxon';

/** A local time of day, `HH:mm` (24-hour). */
export type LocalTime = `${number}:${number}`;

/** When a person does not want to be disturbed, in their own time zone. */
export interface DeliveryWindow {
  /** IANA zone, e.g. `Europe/Rome`. */
  readonly timeZone: string;
  /** Non-urgent messages wait while the local time is in [start, end); `null`: no quiet hours. */
  readonly quietHours: { readonly start: LocalTime; readonly end: LocalTime } | null;
  /** A couple's wedding day (`YYYY-MM-DD`, in their zone): nothing non-urgent that day. */
  readonly weddingDate?: string;
}

/** The platform's default quiet hours: 21:00 to 08:00 in the person's zone. */
export const DEFAULT_QUIET_HOURS = { start: '21:00', end: '08:00' } as const satisfies DeliveryWindow['quietHours'];
/** When a held message goes out when there are no quiet hours to end: the next morning at 08:00. */
const MORNING: LocalTime = '08:00';

export class InvalidDeliveryWindowError extends Error {
  override readonly name = 'InvalidDeliveryWindowError';
  constructor(readonly field: 'timeZone' | 'quietHours' | 'weddingDate', message: string) {
    super(message);
  }
}

/** Refuses an unknown zone, a malformed time or date, with the field at fault. */
export function checkDeliveryWindow(window: DeliveryWindow): DeliveryWindow {
  // `create` keeps one zone per name; `isValidZone` would build a formatter on every call (a mail each).
  if (!IANAZone.create(window.timeZone).isValid) {
    throw new InvalidDeliveryWindowError('timeZone', `time zone "${window.timeZone}" is not an IANA zone (e.g. Europe/Rome, America/New_York)`);
  }
  if (window.quietHours) for (const time of [window.quietHours.start, window.quietHours.end]) minutesOf(time);
  if (window.weddingDate !== undefined && !DateTime.fromISO(window.weddingDate, { zone: window.timeZone }).isValid) {
    throw new InvalidDeliveryWindowError('weddingDate', `wedding date "${window.weddingDate}" is not a date (YYYY-MM-DD)`);
  }
  return window;
}

/**
 * When a message that became due at `at` may be delivered. Urgent ones go at once. Others wait
 * out the quiet hours (until their end) and a couple's wedding day (until the next morning: the
 * end of the quiet hours, or 08:00 without them), all in the person's zone. Local times that a
 * daylight-saving change skips move forward by the gap; one that occurs twice means its first
 * occurrence.
 */
export function deliveryTimeFor(at: Date, window: DeliveryWindow, urgent = false): Date {
  if (urgent) return at;
  let local: DateTime<boolean> = DateTime.fromJSDate(at, { zone: checkDeliveryWindow(window).timeZone });
  // Each step moves forward only; two passes settle a wedding day that ends inside quiet hours.
  for (let pass = 0; pass < 2; pass++) {
    if (window.weddingDate !== undefined && local.toISODate() === window.weddingDate) {
      local = atLocalTime(local.plus({ days: 1 }).startOf('day'), window.quietHours?.end ?? MORNING);
    }
    if (window.quietHours && inQuietHours(local, window.quietHours)) local = quietHoursEndAfter(local, window.quietHours);
  }
  return local.toJSDate();
}

function inQuietHours(local: DateTime, quiet: NonNullable<DeliveryWindow['quietHours']>): boolean {
  const now = local.hour * 60 + local.minute;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  // Over midnight (21:00–08:00) or within one day (13:00–14:00).
  return start > end ? now >= start || now < end : now >= start && now < end;
}

/** The first end of the quiet hours after `local`: today's, or tomorrow's once today's has passed. */
function quietHoursEndAfter(local: DateTime, quiet: NonNullable<DeliveryWindow['quietHours']>): DateTime {
  const today = atLocalTime(local.startOf('day'), quiet.end);
  return today > local ? today : atLocalTime(local.plus({ days: 1 }).startOf('day'), quiet.end);
}

function atLocalTime(day: DateTime, time: LocalTime): DateTime {
  const minutes = minutesOf(time);
  return day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0, millisecond: 0 });
}

function minutesOf(time: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new InvalidDeliveryWindowError('quietHours', `quiet hours "${time}" is not a time of day (HH:mm, 24-hour)`);
  return Number(match[1]) * 60 + Number(match[2]);
}
