import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import type { EventFilter, SubscriptionBatch } from '../event-store.port';
import type { Position, RecordedEvent } from '../events';
import { matchesFilter } from '../event-filter';
import { fromEsdbPosition, isAfter, laterOf } from './positions';
import { toRecordedEvent } from './recorded-event-mapping';
import { isSystemRecord } from './system-records';

/** The server has scanned `$all` up to here (its checkpoint-reached notification). */
export class CheckpointReached {
  constructor(readonly position: Position) {}
}

/** What a subscription to `$all` yields, in log order. */
export type SubscriptionItem = AllStreamResolvedEvent | CheckpointReached;

/**
 * The batch for the items taken from a subscription: the events after `after` that are not system
 * records and pass the filter, and the furthest position scanned; `undefined` when nothing moved on.
 */
export function toSubscriptionBatch(
  items: readonly SubscriptionItem[],
  after: Position | undefined,
  filter: EventFilter | undefined,
): SubscriptionBatch | undefined {
  let scanned: Position | undefined;
  const events: RecordedEvent[] = [];
  for (const item of items) {
    const position = item instanceof CheckpointReached ? item.position : item.event && fromEsdbPosition(item.event.position);
    // Repeats of what was already delivered are dropped, whichever way the server counts its start.
    if (!position || !isAfter(position, after)) continue;
    scanned = laterOf(scanned, position);
    if (item instanceof CheckpointReached || !item.event) continue;
    const { type, streamId } = item.event;
    if (!isSystemRecord(type, streamId) && matchesFilter(filter, type, streamId)) events.push(toRecordedEvent(item.event));
  }
  return scanned && { events, checkpoint: scanned };
}
