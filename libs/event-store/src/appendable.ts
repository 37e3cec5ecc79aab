import type { NewEvent } from './events';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Refuses, before anything is written, an append that no adapter could store faithfully. */
export function assertAppendable(streamId: string, events: readonly NewEvent[]): void {
  if (!streamId || streamId.length > 255) throw new RangeError(`Stream id must be 1 to 255 characters, got "${streamId}"`);
  if (events.length === 0) throw new RangeError(`An append to ${streamId} needs at least one event`);
  const seen = new Set<string>();
  for (const event of events) {
    if (!UUID.test(event.id)) throw new RangeError(`Event id "${event.id}" in an append to ${streamId} is not a UUID`);
    if (seen.has(event.id.toLowerCase())) throw new RangeError(`Event id ${event.id} appears twice in one append to ${streamId}`);
    seen.add(event.id.toLowerCase());
    if (!event.type) throw new RangeError(`An event appended to ${streamId} has no type`);
    if (event.data === null || typeof event.data !== 'object' || Array.isArray(event.data)) {
      throw new RangeError(`Event ${event.type} appended to ${streamId} must carry a JSON object as data`);
    }
  }
}
