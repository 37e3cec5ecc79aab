import { comparePositions, type EventStore, type Position, type RecordedEvent } from '@frm/event-store';

/**
 * Pages of every event after `after` up to and including `head`, in global order. `head` must
 * have been read before this starts: `readAll` never passes a position whose transaction may still
 * commit, so every event at or before `head` is final by the time it is read.
 */
export async function* readEventsThrough(
  store: EventStore,
  after: Position,
  head: Position,
  pageSize: number,
): AsyncGenerator<RecordedEvent[]> {
  if (comparePositions(after, head) >= 0) return;
  for await (const page of store.readAll({ after, pageSize })) {
    const last = page[page.length - 1];
    if (last && comparePositions(last.position, head) <= 0) {
      yield page;
      if (comparePositions(last.position, head) === 0) return;
      continue;
    }
    const within = page.filter((event) => comparePositions(event.position, head) <= 0);
    if (within.length) yield within;
    return;
  }
}
