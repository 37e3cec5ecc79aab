import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';

const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A moment as the person's browser writes dates, and as ISO 8601 for `<time dateTime>`. */
export function formatTime(timestamp: Timestamp | undefined, format: Intl.DateTimeFormat = DATE_TIME): { text: string; iso: string } | undefined {
  if (timestamp === undefined) return undefined;
  const date = timestampDate(timestamp);
  return { text: format.format(date), iso: date.toISOString() };
}

const RELATIVE = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const RELATIVE_UNITS: readonly { readonly unit: Intl.RelativeTimeFormatUnit; readonly seconds: number }[] = [
  { unit: 'day', seconds: 86_400 },
  { unit: 'hour', seconds: 3_600 },
  { unit: 'minute', seconds: 60 },
];
// Beyond a week, "32 days ago" says less than the date itself.
const RELATIVE_LIMIT_SECONDS = 7 * 86_400;

/**
 * A recent moment as people say it ("just now", "5 minutes ago", "yesterday"), an older one as
 * {@link formatTime} writes it; with the full date and time for a tooltip and the ISO instant.
 */
export function formatRelativeTime(
  timestamp: Timestamp | undefined,
  now: number,
  formats: { relative?: Intl.RelativeTimeFormat; absolute?: Intl.DateTimeFormat } = {},
): { text: string; iso: string; full: string } | undefined {
  const absolute = formatTime(timestamp, formats.absolute);
  if (timestamp === undefined || absolute === undefined) return undefined;
  // A moment a little ahead of this browser's clock is "now", not "in 3 seconds".
  const secondsAgo = Math.max(0, (now - timestampDate(timestamp).getTime()) / 1000);
  const relative = formats.relative ?? RELATIVE;
  const full = { full: absolute.text, iso: absolute.iso };
  if (secondsAgo >= RELATIVE_LIMIT_SECONDS) return { text: absolute.text, ...full };
  const unit = RELATIVE_UNITS.find((candidate) => secondsAgo >= candidate.seconds);
  if (unit === undefined) return { text: relative.format(0, 'second'), ...full };
  return { text: relative.format(-Math.floor(secondsAgo / unit.seconds), unit.unit), ...full };
}
