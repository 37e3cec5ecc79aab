import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent, RecordedEvent } from '@frm/event-store';

let counter = 0;

/** An event with the kinds of data real ones carry: nested objects, arrays, non-ASCII text, numbers, nulls. */
export function sampleEvent(type = 'frm.events.v1.FeatureRequestSubmitted'): NewEvent {
  counter += 1;
  return {
    id: randomUUID(),
    type,
    data: {
      title: `Seating plan export #${counter} — für Hochzeiten 💍`,
      tags: ['venue', 'planner', `t${counter % 7}`],
      weight: counter / 8,
      nested: { empty: null, deep: { list: [1, 'two', { three: true }] } },
    },
    metadata: { correlationId: randomUUID(), actor: `user-${counter % 13}`, schemaVersion: 1 },
  };
}

/** Appends `count` events spread over `streams` streams (prefix `prefix`), one append each. */
export async function appendSample(store: EventStore, count: number, streams = 10, prefix = 'feature-request-'): Promise<void> {
  for (let index = 0; index < count; index++) {
    const streamId = `${prefix}${index % streams}`;
    await store.appendToStream(streamId, [sampleEvent()], { expectedRevision: 'any' });
  }
}

/** Every event of a store in global order, without its position (a restored store has its own). */
export async function allEvents(store: EventStore): Promise<Array<Omit<RecordedEvent, 'position'>>> {
  const events: Array<Omit<RecordedEvent, 'position'>> = [];
  for await (const page of store.readAll({ pageSize: 5_000 })) {
    for (const { position: _position, ...event } of page) events.push(event);
  }
  return events;
}
