import { comparePositions, type EventStore, type Position } from '@frm/event-store';

/**
 * When the store's newest event was recorded, read without scanning the store: one page after the
 * position just before the head. `undefined` for an empty store, or when the store refuses a
 * position that is not an event's own (EventStoreDB may): the drill then reports no RPO.
 */
export async function newestRecordedAt(eventStore: EventStore): Promise<Date | undefined> {
  const head = await eventStore.headPosition();
  if (!head) return undefined;
  try {
    for await (const page of eventStore.readAll({ after: justBefore(head), pageSize: 8 })) {
      return page.find((event) => comparePositions(event.position, head) === 0)?.recordedAt;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** A position between the head and the event before it (positions order by commit, then prepare). */
function justBefore(position: Position): Position {
  return position.prepare > 0n
    ? { commit: position.commit, prepare: position.prepare - 1n }
    : { commit: position.commit - 1n, prepare: BigInt(Number.MAX_SAFE_INTEGER) };
}
