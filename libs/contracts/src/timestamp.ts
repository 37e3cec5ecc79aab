import type { Timestamp } from './generated/google/protobuf/timestamp';

/** A protobuf Timestamp as ts-proto and proto-loader see it: seconds are an int64 string. */
export type { Timestamp };

export function timestampFromDate(date: Date): Timestamp {
  const millis = date.getTime();
  if (Number.isNaN(millis)) throw new RangeError('Invalid Date cannot become a Timestamp');
  // Floor, not truncate: before 1970 the seconds go down and nanos stay positive, as protobuf requires.
  const seconds = Math.floor(millis / 1000);
  return { seconds: String(seconds), nanos: (millis - seconds * 1000) * 1_000_000 };
}

/** Millisecond precision: a Date cannot hold the nanoseconds. */
export function dateFromTimestamp(timestamp: Timestamp): Date {
  return new Date(Number(timestamp.seconds) * 1000 + Math.floor(timestamp.nanos / 1_000_000));
}

export function timestampNow(): Timestamp {
  return timestampFromDate(new Date());
}
