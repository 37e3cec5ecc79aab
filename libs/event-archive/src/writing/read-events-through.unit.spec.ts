import type { EventStore, Position, ReadAllOptions, RecordedEvent } from '@frm/event-store';
import { readEventsThrough } from './read-events-through';

function storeOf(count: number): EventStore {
  const events = Array.from({ length: count }, (_, index): RecordedEvent => ({
    id: `id-${index + 1}`,
    streamId: 's',
    revision: BigInt(index),
    type: 'T',
    data: {},
    metadata: {},
    recordedAt: new Date(0),
    position: { commit: BigInt(index + 1), prepare: BigInt(index + 1) },
  }));
  const readsOnly: Pick<EventStore, 'readAll'> = {
    async *readAll(options: ReadAllOptions = {}) {
      const after = options.after?.commit ?? 0n;
      const rest = events.filter((event) => event.position.commit > after);
      for (let i = 0; i < rest.length; i += options.pageSize ?? 1000) yield rest.slice(i, i + (options.pageSize ?? 1000));
    },
  };
  return readsOnly as EventStore;
}

const at = (n: number): Position => ({ commit: BigInt(n), prepare: BigInt(n) });

async function ids(store: EventStore, after: number, head: number, pageSize: number): Promise<string[]> {
  const seen: string[] = [];
  for await (const page of readEventsThrough(store, at(after), at(head), pageSize)) seen.push(...page.map((event) => event.id));
  return seen;
}

describe('reading events up to a fixed head', () => {
  it('returns exactly the events after the start and up to the head, whatever the page size', async () => {
    for (const pageSize of [1, 3, 4, 100]) {
      expect(await ids(storeOf(10), 2, 7, pageSize)).toEqual(['id-3', 'id-4', 'id-5', 'id-6', 'id-7']);
    }
  });

  it('reads nothing when the head is not after the start', async () => {
    expect(await ids(storeOf(10), 7, 7, 3)).toEqual([]);
  });
});
