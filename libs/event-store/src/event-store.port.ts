import type { ExpectedRevision } from './expected-revision';
import type { NewEvent, Position, RecordedEvent } from './events';

export interface AppendOptions {
  expectedRevision: ExpectedRevision;
}

export interface AppendResult {
  /** The revision of the stream's last event after the append: pass it as the next expected revision. */
  nextExpectedRevision: bigint;
  /** Position of the last appended event. */
  position: Position;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive; defaults to the first (forwards) or last (backwards) event. */
  fromRevision?: bigint;
  maxCount?: number;
}

/** Selects events by type or stream name; every listed prefix is an alternative. */
export interface EventFilter {
  eventTypePrefixes?: readonly string[];
  streamPrefixes?: readonly string[];
}

export interface ReadAllOptions {
  /** Exclusive: events after this position. Defaults to the start of the store. */
  after?: Position;
  filter?: EventFilter;
  /** Events per page. */
  pageSize?: number;
}

export interface SubscriptionBatch {
  /** Events that pass the filter, in position order (may be empty when a page held none). */
  events: RecordedEvent[];
  /** Everything up to here was scanned: store it as the subscriber's checkpoint. */
  checkpoint: Position;
}

export interface SubscribeOptions {
  /** Exclusive: deliver events after this checkpoint. Defaults to the start; `end` skips history. */
  after?: Position | 'end';
  filter?: EventFilter;
  batchSize?: number;
  /** Awaited before the next batch is fetched; a rejection ends the subscription with that error. */
  onBatch(batch: SubscriptionBatch): Promise<void>;
}

export interface Subscription {
  /** Stops after the batch in hand; resolves once stopped. */
  stop(): Promise<void>;
  /**
   * Someone waits for an event appended just now (read-your-writes): a subscription that gathers
   * events between reads reads at once. Subscriptions that are pushed their events need not have it.
   */
  hurry?(): void;
  /** Resolves when stopped, rejects with the error that ended the subscription. */
  readonly done: Promise<void>;
}

/**
 * The system of record. Each aggregate is a stream; appends are optimistic (expected revision)
 * and idempotent by event id; `readAll` and subscriptions see every event exactly once in one
 * global order that never goes back, even while slower transactions are still committing.
 */
export interface EventStore {
  appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /** The stream's events; an empty array when it does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Pages of events in global order, up to the events committed when each page is read. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent[]>;
  /** Position of the newest event, `undefined` for an empty store (lag = head − checkpoint). */
  headPosition(): Promise<Position | undefined>;
  /** History from the checkpoint, then live events as they commit. */
  subscribeToAll(options: SubscribeOptions): Subscription;
  close(): Promise<void>;
}
