import type { EventStore, Position, RecordedEvent } from '@frm/event-store';
import type { Logger } from '@frm/logging';
import { RelayCheckpoints } from '@frm/messaging';
import type { SqlDatabase } from '@frm/postgres';

export interface EventProcessorOptions {
  /** Names the checkpoint. */
  readonly name: string;
  readonly eventStore: EventStore;
  readonly db: SqlDatabase;
  /** Schema of the checkpoint table. */
  readonly checkpointSchema: string;
  readonly eventTypePrefixes: readonly string[];
  readonly logger: Logger;
  /** Where a processor without a checkpoint begins (default: the start of the store). */
  readonly startAfter?: Position | 'end';
  /** Handles one batch; must be idempotent (what it appends carries ids derived from the events). */
  handle(events: readonly RecordedEvent[]): Promise<void>;
}

const FIRST_RETRY_MS = 200;
const MAX_RETRY_MS = 10_000;
/**
 * The checkpoint is stored at most this often (and on stop): each write is a transaction in the
 * event store's database that holds newer events back while it runs, and a crash only hands the
 * last few batches over again, which the handlers' deterministic ids make harmless.
 */
const CHECKPOINT_EVERY_MS = 250;

/**
 * Follows the event store from a stored checkpoint and hands each batch to `handle`, then moves the
 * checkpoint. A crash between the two hands the batch over again, so handlers append with
 * deterministic event ids and the event store drops the repeat. A failing batch is retried with
 * backoff from the checkpoint, and the failure logged, until it succeeds or the processor stops.
 */
export class EventProcessor {
  private readonly checkpoints: RelayCheckpoints;
  private stopping = false;
  private running: Promise<void> | undefined;
  private current: { stop(): Promise<void> } | undefined;
  private wake: (() => void) | undefined;
  private unstored: Position | undefined;
  private storedAt = 0;
  private storeTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: EventProcessorOptions) {
    this.checkpoints = new RelayCheckpoints(options.db, options.checkpointSchema);
  }

  async start(): Promise<void> {
    await this.checkpoints.install();
    this.running = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.current?.stop();
    await this.running;
    await this.storeCheckpoint().catch((error: unknown) =>
      this.options.logger.warn({ processor: this.options.name, err: error }, `${this.options.name}: could not store its last checkpoint; those events are handled again at start`),
    );
  }

  private async storeCheckpoint(): Promise<void> {
    clearTimeout(this.storeTimer);
    this.storeTimer = undefined;
    const position = this.unstored;
    if (!position) return;
    this.unstored = undefined;
    this.storedAt = Date.now();
    await this.checkpoints.advance(this.options.name, position);
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        const stored = await this.checkpoints.read(this.options.name);
        const subscription = this.options.eventStore.subscribeToAll({
          after: stored ?? this.options.startAfter,
          filter: { eventTypePrefixes: this.options.eventTypePrefixes },
          batchSize: 200,
          onBatch: async ({ events, checkpoint }) => {
            if (events.length > 0) await this.options.handle(events);
            this.unstored = checkpoint;
            const dueInMs = this.storedAt + CHECKPOINT_EVERY_MS - Date.now();
            if (dueInMs <= 0) await this.storeCheckpoint();
            else this.storeTimer ??= setTimeout(() => void this.storeCheckpoint().catch(() => undefined), dueInMs);
            failures = 0;
          },
        });
        this.current = subscription;
        if (this.stopping) await subscription.stop();
        await subscription.done;
      } catch (error) {
        // What was handled but not stored is handled again from the stored checkpoint.
        this.unstored = undefined;
        if (this.stopping) break;
        failures++;
        const delayMs = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (failures - 1));
        this.options.logger.warn({ processor: this.options.name, attempt: failures, delayMs, err: error }, `${this.options.name}: a batch failed; retrying in ${delayMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delayMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }
}
