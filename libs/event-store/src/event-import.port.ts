import type { EventMetadata, JsonObject } from './events';

/** An event recorded in another store, to be imported as it was: same id, stream, revision and time. */
export interface ImportedEvent {
  id: string;
  streamId: string;
  revision: bigint;
  type: string;
  data: JsonObject;
  metadata: EventMetadata;
  recordedAt: Date;
}

export interface EventImportProgress {
  /** Events taken from the input so far (imported + skipped). */
  readonly done: number;
  readonly imported: number;
  /** Events whose id the store already held (only with `force`). */
  readonly skipped: number;
}

export interface EventImportOptions {
  /**
   * Import into a store that already holds events, adding only the events whose ids it lacks
   * (to finish an interrupted restore). Without it a store that holds any event is refused.
   */
  force?: boolean;
  /** Events per statement (default 2000). */
  batchSize?: number;
  /** Called after each batch. */
  onProgress?(progress: EventImportProgress): void;
  /** Stops before the next batch; what was imported stays. */
  signal?: AbortSignal;
}

export interface EventImportResult {
  readonly imported: number;
  readonly skipped: number;
}

/**
 * Loads already-recorded events (a restored backup) into a store, keeping their ids, streams,
 * revisions and record times; the global order is the input's order, the positions are the
 * store's own. Not part of {@link EventStore}: only adapters that can write history offer it, and
 * the store must not take appends while it runs.
 */
export interface EventImport {
  /** Which store, for messages: "Postgres schema event_store". */
  readonly description: string;
  /** Whether the store holds any event at all. */
  hasEvents(): Promise<boolean>;
  /**
   * @throws TargetNotEmptyError when the store holds events and `force` is not set (nothing written)
   * @throws ImportConflictError when an event's stream revision is taken by another event
   */
  importEvents(events: AsyncIterable<ImportedEvent> | Iterable<ImportedEvent>, options?: EventImportOptions): Promise<EventImportResult>;
}
