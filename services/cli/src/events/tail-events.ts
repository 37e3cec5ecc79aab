import { START, type EventFilter, type EventStore, type Position, type RecordedEvent } from '@frm/event-store';
import type { TailStart } from './tail-start';

export interface TailOptions {
  from: TailStart;
  typePrefixes: readonly string[];
  /** Stop after this many events. */
  limit?: number;
  /** Keep waiting for new events after the history, until `signal` or `limit`. */
  follow: boolean;
  signal: AbortSignal;
  write(event: RecordedEvent): Promise<void>;
}

const PAGE_SIZE = 500;

/** Hands the chosen events to `write` in global order; resolves to how many it handed. */
export async function tailEvents(eventStore: EventStore, options: TailOptions): Promise<number> {
  const after = await startPosition(eventStore, options.from);
  const filter: EventFilter | undefined = options.typePrefixes.length > 0 ? { eventTypePrefixes: options.typePrefixes } : undefined;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const pageSize = Math.min(limit, PAGE_SIZE);
  if (limit === 0 || options.signal.aborted) return 0;
  return options.follow ? follow(eventStore, after, filter, limit, pageSize, options) : readHistory(eventStore, after, filter, limit, pageSize, options);
}

async function startPosition(eventStore: EventStore, from: TailStart): Promise<Position> {
  if (from.kind === 'start') return START;
  if (from.kind === 'after') return from.position;
  return (await eventStore.headPosition()) ?? START;
}

async function readHistory(
  eventStore: EventStore,
  after: Position,
  filter: EventFilter | undefined,
  limit: number,
  pageSize: number,
  options: TailOptions,
): Promise<number> {
  let written = 0;
  for await (const page of eventStore.readAll({ after, filter, pageSize })) {
    for (const event of page) {
      await options.write(event);
      if (++written >= limit || options.signal.aborted) return written;
    }
  }
  return written;
}

async function follow(
  eventStore: EventStore,
  after: Position,
  filter: EventFilter | undefined,
  limit: number,
  batchSize: number,
  options: TailOptions,
): Promise<number> {
  let written = 0;
  const subscription = eventStore.subscribeToAll({
    after,
    filter,
    batchSize,
    onBatch: async (batch) => {
      for (const event of batch.events) {
        if (written >= limit || options.signal.aborted) break;
        await options.write(event);
        written += 1;
      }
      // Not awaited: `stop` waits for this very batch to finish.
      if (written >= limit) void subscription.stop();
    },
  });
  const stop = () => void subscription.stop();
  options.signal.addEventListener('abort', stop, { once: true });
  try {
    await subscription.done;
  } finally {
    options.signal.removeEventListener('abort', stop);
  }
  return written;
}
