import type { Timestamp } from '@bufbuild/protobuf/wkt';
import { formatRelativeTime } from './format-time';

/** "5 minutes ago", with the date and time on hover and for machines; `now` comes from useClock. */
export function RelativeTime({ at, now }: { at: Timestamp | undefined; now: number }) {
  const time = formatRelativeTime(at, now);
  return time ? (
    <time dateTime={time.iso} title={time.full}>
      {time.text}
    </time>
  ) : null;
}
