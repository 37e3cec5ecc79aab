import type { RecordedEvent } from '@frm/event-store';

const FRACTION_BEYOND_MS = /(\.\d{3})\d+/;

/**
 * When the event happened (its `occurredAt`, to the millisecond), else when it was recorded. A vote's
 * trend term is computed from this time, so every read model that takes it from here adds up the
 * same digits for the same vote.
 */
export function eventTimeOf(recorded: Pick<RecordedEvent, 'data' | 'recordedAt'>): Date {
  const occurredAt = recorded.data['occurredAt'];
  if (typeof occurredAt === 'string') {
    // Canonical JSON carries nanoseconds; the formulas work in whole milliseconds, rounded down.
    const time = Date.parse(occurredAt.replace(FRACTION_BEYOND_MS, '$1'));
    if (Number.isFinite(time)) return new Date(time);
  }
  return recorded.recordedAt;
}
