import { EventStoreDBClient } from '@eventstore/db-client';
import { DatabaseUnavailableError } from '@frm/postgres';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import type { NewEvent, Position, RecordedEvent } from '../events';
import { esdbHeadPosition, readEsdbAll } from './all-reads';
import { appendToEsdbStream } from './append-to-esdb-stream';
import { serverSideFilter } from './event-filters';
import { DEFAULT_BATCH_SIZE, EventStoreDbSubscription } from './eventstoredb-subscription';
import { fromEsdbPosition, toReadPosition } from './positions';
import { assertServerAnswers } from './server-check';
import { connectionTarget } from './server-unreachable';
import { CheckpointReached } from './subscription-batch';
import { readEsdbStream } from './stream-reads';

/**
 * The event store on EventStoreDB (22.6 or newer: older servers leave positions out of stream reads).
 * Checks at open that the server answers and lets this client read `$all`, else throws a
 * `DatabaseUnavailableError` that names the address and what to check. A secure server needs the
 * credentials of a user who may read `$all` in the connection string.
 *
 * Idempotency is EventStoreDB's own, which is narrower than the Postgres adapter's:
 * - a repeat is recognised only on the same stream: event ids are not unique across the store,
 *   so the same ids appended to another stream are stored again;
 * - with a revision or `no_stream` expected, a repeat is recognised by the ids stored right after
 *   that revision: all of them make it a retry (the first result comes back), some of them an
 *   `EventIdReusedError`. Ids reused anywhere else in the stream go unnoticed, e.g. an earlier
 *   event's id in an append expected at the current revision (the Postgres adapter refuses any reused id);
 * - with `any` or `stream_exists` expected, the server recognises a repeat only while the original
 *   is in its cache of recent writes, so a late repeat is appended again; a partial repeat it does
 *   recognise is refused with `EventIdReusedError`.
 *
 * Event types and stream ids starting with `$` are refused: EventStoreDB reserves them for its own
 * records, which reads of all events, the head position and subscriptions leave out. Subscriptions
 * filter on the server (by type, else by stream); reads of all events filter here, because this
 * client cannot send a filter with them.
 */
export async function openEventStoreDbEventStore(connectionString: string): Promise<EventStore> {
  const target = connectionTarget(connectionString);
  let client: EventStoreDBClient;
  try {
    client = EventStoreDBClient.connectionString(connectionString);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseUnavailableError(
      `The EventStoreDB connection string for ${target} is not valid (${reason}); expected e.g. esdb://localhost:2113?tls=false`,
      error,
    );
  }
  try {
    await assertServerAnswers(client, target);
  } catch (error) {
    await client.dispose();
    throw error;
  }
  return new EventStoreDbEventStore(client);
}

class EventStoreDbEventStore implements EventStore {
  private readonly subscriptions = new Set<Subscription>();

  constructor(private readonly client: EventStoreDBClient) {}

  appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    return appendToEsdbStream(this.client, streamId, events, options.expectedRevision);
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return readEsdbStream(this.client, streamId, options);
  }

  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent[]> {
    return readEsdbAll(this.client, options);
  }

  headPosition(): Promise<Position | undefined> {
    return esdbHeadPosition(this.client);
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
    // `end` means after what was appended before this call, as with the Postgres adapter; the
    // server's own END would be taken only when the subscription request reaches it.
    const start = options.after === 'end' ? this.headPosition() : Promise.resolve(options.after);
    const openSource = (after: Position | undefined) =>
      this.client.subscribeToAll(
        {
          fromPosition: toReadPosition(after),
          filter: serverSideFilter(options.filter, {
            scannedPerCheckpoint: batchSize,
            // The client awaits this inside its stream transform, so the marker lands in order
            // between the events before and after the checkpoint.
            checkpointReached: (stream, position) => void stream.push(new CheckpointReached(fromEsdbPosition(position))),
          }),
        },
        { highWaterMark: batchSize },
      );
    const subscription = new EventStoreDbSubscription(start, openSource, { ...options, batchSize });
    this.subscriptions.add(subscription);
    subscription.done.finally(() => this.subscriptions.delete(subscription)).catch(() => undefined);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.client.dispose();
  }
}
