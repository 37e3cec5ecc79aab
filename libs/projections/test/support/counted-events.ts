import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent } from '@frm/event-store';
import { quoteIdent, type SqlQueryable } from '@frm/postgres';

export const counted = (type = 'Counted.Vote', data: NewEvent['data'] = {}): NewEvent => ({ id: randomUUID(), type, data });

/** What the event_counts projection must show for the events appended through {@link Tally.append}. */
export class Tally {
  readonly streams = new Map<string, number>();
  readonly types = new Map<string, { events: number; weight: number }>();

  /** Appends to a stream and records what was appended; other event types are appended but not tallied. */
  async append(store: EventStore, streamId: string, events: NewEvent[]): Promise<void> {
    await store.appendToStream(streamId, events, { expectedRevision: 'any' });
    for (const event of events) {
      if (!event.type.startsWith('Counted.')) continue;
      this.streams.set(streamId, (this.streams.get(streamId) ?? 0) + 1);
      const type = this.types.get(event.type) ?? { events: 0, weight: 0 };
      const weight = event.data['weight'];
      this.types.set(event.type, { events: type.events + 1, weight: type.weight + (typeof weight === 'number' ? weight : 1) });
    }
  }

  get total(): number {
    return [...this.streams.values()].reduce((sum, n) => sum + n, 0);
  }
}

/** The counts as the event_counts tables in `schema` hold them, shaped like a {@link Tally}. */
export async function readCounts(q: SqlQueryable, schema: string) {
  const streams = await q.query<{ stream_id: string; events: string }>(
    `select stream_id, events::text from ${quoteIdent(schema)}.stream_counts order by stream_id`,
  );
  const types = await q.query<{ event_type: string; events: string; total_weight: string }>(
    `select event_type, events::text, total_weight::text from ${quoteIdent(schema)}.type_counts order by event_type`,
  );
  return {
    streams: new Map(streams.map((r) => [r.stream_id, Number(r.events)])),
    types: new Map(types.map((r) => [r.event_type, { events: Number(r.events), weight: Number(r.total_weight) }])),
  };
}

export function expectCountsOf(tally: Tally) {
  return { streams: new Map([...tally.streams].sort()), types: new Map([...tally.types].sort()) };
}
