import type { Timestamp } from '@bufbuild/protobuf/wkt';
import { formatTime } from './format-time';

export function Time({ at }: { at: Timestamp | undefined }) {
  const time = formatTime(at);
  return time ? <time dateTime={time.iso}>{time.text}</time> : null;
}
