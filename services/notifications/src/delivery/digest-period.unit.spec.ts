import { latestEndedPeriod } from './digest-period';

describe('latestEndedPeriod', () => {
  it('is yesterday in the person zone for a daily digest', () => {
    // 23:30 UTC on the 26th is already the 27th in Rome: the 26th there has ended.
    const period = latestEndedPeriod('DIGEST_FREQUENCY_DAILY', 'Europe/Rome', new Date('2026-11-26T23:30:00Z'));
    expect(period).toEqual({ label: '2026-11-26', end: new Date('2026-11-26T23:00:00Z') });
    const inNewYork = latestEndedPeriod('DIGEST_FREQUENCY_DAILY', 'America/New_York', new Date('2026-11-26T23:30:00Z'));
    expect(inNewYork).toEqual({ label: '2026-11-25', end: new Date('2026-11-26T05:00:00Z') });
  });

  it('is last ISO week (Monday to Sunday) for a weekly digest', () => {
    // Thursday 26 November 2026 is in week 48; week 47 ended on Monday the 23rd at midnight.
    const period = latestEndedPeriod('DIGEST_FREQUENCY_WEEKLY', 'UTC', new Date('2026-11-26T12:00:00Z'));
    expect(period).toEqual({ label: '2026-W47', end: new Date('2026-11-23T00:00:00Z') });
  });

  it('ends a day at local midnight across a daylight-saving change', () => {
    // Europe/Rome leaves summer time on 25 October 2026: that day has 25 hours.
    const period = latestEndedPeriod('DIGEST_FREQUENCY_DAILY', 'Europe/Rome', new Date('2026-10-26T12:00:00Z'));
    expect(period).toEqual({ label: '2026-10-25', end: new Date('2026-10-25T23:00:00Z') });
  });
});
