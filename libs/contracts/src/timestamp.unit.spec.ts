import fc from 'fast-check';
import { dateFromTimestamp, timestampFromDate } from './timestamp';

describe('Timestamp ↔ Date', () => {
  it('round-trips any date to the millisecond, with nanos in 0..999_999_999', () => {
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true }), (date) => {
        const timestamp = timestampFromDate(date);

        expect(timestamp.nanos).toBeGreaterThanOrEqual(0);
        expect(timestamp.nanos).toBeLessThan(1_000_000_000);
        expect(dateFromTimestamp(timestamp)).toEqual(date);
      }),
    );
  });

  it('counts seconds down and nanos up before 1970, as protobuf requires', () => {
    expect(timestampFromDate(new Date(-1500))).toEqual({ seconds: '-2', nanos: 500_000_000 });
  });

  it('keeps seconds as an int64 string', () => {
    expect(timestampFromDate(new Date('2026-06-20T14:30:00.250Z'))).toEqual({ seconds: '1781965800', nanos: 250_000_000 });
  });

  it('drops nanoseconds a Date cannot hold', () => {
    expect(dateFromTimestamp({ seconds: '1781965800', nanos: 250_999_999 })).toEqual(new Date('2026-06-20T14:30:00.250Z'));
  });

  it('refuses an invalid Date', () => {
    expect(() => timestampFromDate(new Date('not a date'))).toThrow(RangeError);
  });
});
