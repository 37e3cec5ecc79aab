import { eventTimeOf } from './event-time';

describe('eventTimeOf', () => {
  const recordedAt = new Date('2026-05-02T00:00:00Z');

  it('takes the event’s occurredAt, rounded down to the millisecond', () => {
    expect(eventTimeOf({ data: { occurredAt: '2026-05-01T10:00:00.123999999Z' }, recordedAt }).toISOString()).toBe('2026-05-01T10:00:00.123Z');
    expect(eventTimeOf({ data: { occurredAt: '2026-05-01T10:00:00Z' }, recordedAt }).toISOString()).toBe('2026-05-01T10:00:00.000Z');
  });

  it('falls back on the time it was recorded when occurredAt is missing or unreadable', () => {
    expect(eventTimeOf({ data: {}, recordedAt })).toBe(recordedAt);
    expect(eventTimeOf({ data: { occurredAt: 'yesterday' }, recordedAt })).toBe(recordedAt);
  });
});
