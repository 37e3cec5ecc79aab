import { BACKWARDS, END, type AllStreamResolvedEvent, type EventStoreDBClient } from '@eventstore/db-client';
import type { ReadAllOptions } from '../event-store.port';
import type { Position, RecordedEvent } from '../events';
import { comparePositions } from '../position';
import { matchesFilter } from '../event-filter';
import { fromEsdbPosition, isAfter, toEsdbPosition, toReadPosition } from './positions';
import { readToArray } from './read-to-array';
import { toRecordedEvent } from './recorded-event-mapping';
import { isSystemRecord } from './system-records';

const DEFAULT_PAGE_SIZE = 1_000;
const HEAD_SEARCH_PAGE = 100;

type ScannedRecord = AllStreamResolvedEvent & { event: NonNullable<AllStreamResolvedEvent['event']> };

/**
 * Pages of `$all` after `options.after`, in log order. Client 6.2.1 cannot pass a filter with a read
 * of `$all`, so system records and the filter are applied here, after the page arrived.
 */
export async function* readEsdbAll(client: EventStoreDBClient, options: ReadAllOptions = {}): AsyncIterable<RecordedEvent[]> {
  const pageSize = Math.max(1, options.pageSize ?? DEFAULT_PAGE_SIZE);
  let after = options.after;
  for (;;) {
    // One more than a page, because a forward read of $all includes the event at its start position.
    const requested = pageSize + 1;
    const page = await readToArray(client.readAll({ fromPosition: toReadPosition(after), maxCount: requested }));
    const fresh = page.filter(hasEvent).filter((record) => isAfter(record.event.position, after)).slice(0, pageSize);
    const last = fresh[fresh.length - 1];
    if (!last) return;
    const events = fresh
      .filter(({ event }) => !isSystemRecord(event.type, event.streamId) && matchesFilter(options.filter, event.type, event.streamId))
      .map(({ event }) => toRecordedEvent(event));
    if (events.length) yield events;
    after = fromEsdbPosition(last.event.position);
    if (page.length < requested) return;
  }
}

/** Position of the newest event that is not a system record; `undefined` when there is none. */
export async function esdbHeadPosition(client: EventStoreDBClient): Promise<Position | undefined> {
  let before: Position | undefined;
  for (;;) {
    const requested = HEAD_SEARCH_PAGE + 1;
    const page = await readToArray(
      client.readAll({ direction: BACKWARDS, fromPosition: before ? toEsdbPosition(before) : END, maxCount: requested }),
    );
    const older = page.filter(hasEvent).filter(({ event }) => !before || comparePositions(event.position, before) < 0);
    const newest = older.find(({ event }) => !isSystemRecord(event.type, event.streamId));
    if (newest) return fromEsdbPosition(newest.event.position);
    const oldest = older[older.length - 1];
    if (!oldest || page.length < requested) return undefined;
    before = fromEsdbPosition(oldest.event.position);
  }
}

function hasEvent(record: AllStreamResolvedEvent): record is ScannedRecord {
  return record.event !== undefined;
}
