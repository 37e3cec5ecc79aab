import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '../events';

/**
 * An event as the store hands it to a subscriber, for a projection's tests: its type and data at
 * `position` (commit and prepare alike), with a fresh id and the rest filled in unless `fields` says.
 */
export function recordedEvent(event: Pick<RecordedEvent, 'type' | 'data'>, position: number | bigint, fields: Partial<RecordedEvent> = {}): RecordedEvent {
  const at = BigInt(position);
  return { id: randomUUID(), metadata: {}, streamId: 'any', revision: 0n, recordedAt: new Date(), ...event, position: { commit: at, prepare: at }, ...fields };
}
