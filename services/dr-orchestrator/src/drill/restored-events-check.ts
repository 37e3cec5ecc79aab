import { isDeepStrictEqual } from 'node:util';
import { comparePositions, type EventStore, type Position, type RecordedEvent } from '@frm/event-store';

/** The outcome of comparing the restored events with the live ones, event by event in order. */
export interface RestoredEventsCheck {
  /** Every restored event equals the live event at the same place, and neither store has one more. */
  readonly matches: boolean;
  /** Events compared (the live events up to the backup's last one). */
  readonly events: number;
  /** The first difference, in words, with the event's id (no data: it may be personal). */
  readonly firstDifference?: string;
}

export interface RestoredEventsCheckOptions {
  readonly live: EventStore;
  /** The live store's position of the last restored event. */
  readonly liveThrough: Position;
  readonly restored: EventStore;
  /** The restored store's position of that event (the ledger's erasures come after it). */
  readonly restoredThrough: Position;
  readonly batchSize: number;
  readonly signal: AbortSignal;
  onProgress?(eventsCompared: number): void;
}

/**
 * What differs between a live event and its restored counterpart, or `undefined` when they are the
 * same: id, type, stream, revision, data, metadata and recording time. Positions differ by nature
 * (each store numbers its own). Data are compared as values, whatever the order of their keys.
 */
export function eventDifference(live: RecordedEvent, restored: RecordedEvent): string | undefined {
  if (live.id !== restored.id) return `the live store has event ${live.id} where the restored one has ${restored.id}`;
  const differing = [
    live.type !== restored.type && 'type',
    live.streamId !== restored.streamId && 'stream',
    live.revision !== restored.revision && 'revision',
    live.recordedAt.getTime() !== restored.recordedAt.getTime() && 'recording time',
    !isDeepStrictEqual(live.data, restored.data) && 'data',
    !isDeepStrictEqual(live.metadata, restored.metadata) && 'metadata',
  ].filter((field): field is string => typeof field === 'string');
  return differing.length ? `event ${live.id} differs in its ${differing.join(', ')}` : undefined;
}

/**
 * Reads the live events up to the backup's last one and the restored events up to the same event,
 * side by side, and compares them one by one. Equal events make equal read models: a projection is a
 * function of the events in their order (what `VerifyProjection` checks of every live copy), so a
 * restored copy built from events equal to the live ones is the copy the live system had at that
 * event, without building that reference copy a second time from the live store.
 */
export async function checkRestoredEvents(options: RestoredEventsCheckOptions): Promise<RestoredEventsCheck> {
  const live = upTo(options.live, options.liveThrough, options.batchSize);
  const restored = upTo(options.restored, options.restoredThrough, options.batchSize);
  let compared = 0;
  try {
    for (;;) {
      options.signal.throwIfAborted();
      const [fromLive, fromRestored] = await Promise.all([live.next(), restored.next()]);
      if (fromLive.done || fromRestored.done) {
        if (fromLive.done && fromRestored.done) return { matches: true, events: compared };
        const extra = (fromLive.done ? fromRestored.value : fromLive.value) as RecordedEvent;
        const firstDifference = fromLive.done ? `the restored store has event ${extra.id} past the live store's end of the backup` : `the restored store lacks event ${extra.id}`;
        return { matches: false, events: compared, firstDifference };
      }
      const difference = eventDifference(fromLive.value, fromRestored.value);
      if (difference) return { matches: false, events: compared, firstDifference: difference };
      compared += 1;
      if (compared % options.batchSize === 0) options.onProgress?.(compared);
    }
  } finally {
    await Promise.all([live.return(undefined), restored.return(undefined)]);
  }
}

/**
 * The store's events one by one, up to and including `through`; the next page is read while this one
 * is compared. A read that ends before `through` (Postgres readAll can, when a transaction that held
 * events back ends during it) is followed by another from where it stopped, until one finds nothing.
 */
async function* upTo(store: EventStore, through: Position, pageSize: number): AsyncGenerator<RecordedEvent, void, undefined> {
  let after: Position | undefined;
  for (;;) {
    let found = false;
    const pages = store.readAll({ pageSize, ...(after ? { after } : {}) })[Symbol.asyncIterator]();
    let next = pages.next();
    try {
      for (;;) {
        const page = await next;
        if (page.done) break;
        const last = page.value[page.value.length - 1];
        const ends = last === undefined || comparePositions(last.position, through) >= 0;
        if (!ends) next = pages.next();
        for (const event of page.value) {
          if (comparePositions(event.position, through) > 0) return;
          found = true;
          after = event.position;
          yield event;
        }
        if (ends) return;
      }
    } finally {
      await next.catch(() => undefined);
      await pages.return?.().catch(() => undefined);
    }
    if (!found) return;
  }
}
