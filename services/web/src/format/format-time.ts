import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';

const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A moment as the person's browser writes dates, and as ISO 8601 for `<time dateTime>`. */
export function formatTime(timestamp: Timestamp | undefined, format: Intl.DateTimeFormat = DATE_TIME): { text: string; iso: string } | undefined {
  if (timestamp === undefined) return undefined;
  const date = timestampDate(timestamp);
  return { text: format.format(date), iso: date.toISOString() };
}
