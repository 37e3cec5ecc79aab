import { BACKWARDS, END, FORWARDS, START, StreamNotFoundError, type EventStoreDBClient } from '@eventstore/db-client';
import type { ReadStreamOptions } from '../event-store.port';
import type { RecordedEvent } from '../events';
import { readToArray } from './read-to-array';
import { toRecordedEvent } from './recorded-event-mapping';

/** A stream's events in either direction, `fromRevision` included; a missing stream reads as empty. */
export async function readEsdbStream(
  client: EventStoreDBClient,
  streamId: string,
  options: ReadStreamOptions = {},
): Promise<RecordedEvent[]> {
  const maxCount = options.maxCount === undefined ? undefined : Math.max(0, Math.floor(options.maxCount));
  if (maxCount === 0) return [];
  const backwards = options.direction === 'backwards';
  try {
    const read = client.readStream(streamId, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: options.fromRevision ?? (backwards ? END : START),
      ...(maxCount === undefined ? {} : { maxCount }),
    });
    return (await readToArray(read)).flatMap((resolved) => (resolved.event ? [toRecordedEvent(resolved.event)] : []));
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
}
