import type { NewEvent } from '../events';

/**
 * EventStoreDB's own records (`$metadata`, `$>` links, stats, scavenges…): their type or their stream
 * starts with `$`. They are never part of the port's event log.
 */
export function isSystemRecord(type: string, streamId: string): boolean {
  return type.startsWith('$') || streamId.startsWith('$');
}

/**
 * Refuses appends that EventStoreDB would take as system records: `$$<stream>` would set another
 * stream's metadata (its ACL, truncation), and `$` types would vanish from reads of all events.
 */
export function assertNotSystemRecord(streamId: string, events: readonly NewEvent[]): void {
  if (streamId.startsWith('$')) {
    throw new RangeError(`Stream id "${streamId}" starts with $, which EventStoreDB reserves for its system streams`);
  }
  const system = events.find((event) => event.type.startsWith('$'));
  if (system) {
    throw new RangeError(
      `Event type "${system.type}" in an append to ${streamId} starts with $, which EventStoreDB reserves for its system events`,
    );
  }
}
