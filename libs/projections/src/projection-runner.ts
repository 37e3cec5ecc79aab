import { comparePositions, lagBetween, type EventStore, type Position, type RecordedEvent, type SubscriptionBatch } from '@frm/event-store';
import type { SqlDatabase } from '@frm/postgres';
import { applyEvents, runFollowUp } from './apply-events';
import { readCheckpoint, readCheckpointIfExists, writeCheckpoint, type StoredCheckpoint } from './checkpoint-table';
import { CheckpointMovedBack, runCheckpointedSubscription } from './checkpointed-subscription';
import { assertValidDefinition } from './define-projection';
import { ProjectionVersionMismatchError } from './errors';
import { installProjection } from './install-projection';
import type { ProjectionDefinition, ProjectionSchema } from './projection';
import { lockProjection } from './projection-lock';
import type { ProjectionLogger } from './projection-logger';
import { defaultProjectionSchemaName, projectionSchema, projectionSchemaNames } from './projection-schema';
import type { ProjectionState, ProjectionStatus } from './projection-status';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';

export interface ProjectionRunnerOptions {
  projection: ProjectionDefinition;
  eventStore: EventStore;
  /** The read-model database; it need not be the event store's. */
  db: SqlDatabase;
  /** Where readers find the live tables (default `projection_<name>`). */
  schema?: string;
  /** Events per batch, and so per transaction (default 500). */
  batchSize?: number;
  retry?: RetryPolicy;
  logger?: ProjectionLogger;
  /**
   * Told after each batch this runner committed, with the events it applied (caches of the read
   * model invalidate here). A failure is logged; the batch stays applied.
   */
  onApplied?: (events: readonly RecordedEvent[]) => Promise<void> | void;
}

/**
 * Keeps one projection's live copy up to date. Each batch of events is applied in one
 * transaction together with the checkpoint, under a per-projection lock and a compare of the
 * stored checkpoint, so any number of runners (in any process) never apply an event twice.
 */
const APPLIED_RECHECK_MS = 100;

export class ProjectionRunner {
  /** Where readers find the live tables. */
  readonly schema: string;
  private readonly copy: ProjectionSchema;
  private readonly retry: Required<RetryPolicy>;
  private state: ProjectionState = 'stopped';
  private controller: AbortController | undefined;
  private starting: Promise<void> | undefined;
  private running: Promise<void> | undefined;
  private eventsApplied = 0;
  private lastError: unknown;
  /** What this runner knows to be applied; waiters wake when it moves. */
  private appliedThrough: Position | undefined;
  private appliedWaiters = new Set<() => void>();
  /** The live copy holds work a batch left for the follow-up ({@link ProjectionDefinition.followUp}). */
  private followUpOwed = false;
  /** Makes the running subscription read at once (see `Subscription.hurry`); nothing before it runs. */
  private hurrySubscription: () => void = () => undefined;

  constructor(private readonly options: ProjectionRunnerOptions) {
    assertValidDefinition(options.projection);
    this.schema = projectionSchemaNames(options.schema ?? defaultProjectionSchemaName(options.projection.name)).live;
    this.copy = projectionSchema(this.schema);
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  }

  get projection(): ProjectionDefinition {
    return this.options.projection;
  }

  /**
   * Creates the live copy on first use, then follows the event store from its checkpoint.
   * Rejects with {@link ProjectionVersionMismatchError} when the live copy is another version.
   */
  async start(): Promise<void> {
    if (this.controller) return this.starting;
    const controller = new AbortController();
    this.controller = controller;
    this.state = 'starting';
    this.starting = this.ensureLiveCopy().then(
      () => {
        if (controller.signal.aborted) {
          this.controller = undefined;
          this.state = 'stopped';
          return;
        }
        this.state = 'running';
        this.running = this.run(controller.signal);
        this.running.catch(() => undefined);
      },
      (error: unknown) => {
        this.controller = undefined;
        this.fail(error);
        throw error;
      },
    );
    return this.starting;
  }

  /** Stops after the batch in hand, which is either committed whole or rolled back. */
  async stop(): Promise<void> {
    this.controller?.abort();
    await this.starting?.catch(() => undefined);
    await this.running?.catch(() => undefined);
  }

  /** Resolves once stopped by {@link stop}; rejects with the error that stopped the runner by itself. */
  get done(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  async status(): Promise<ProjectionStatus> {
    const [stored, head] = await Promise.all([
      readCheckpointIfExists(this.options.db, this.schema),
      this.options.eventStore.headPosition(),
    ]);
    return {
      projection: this.projection.name,
      version: this.projection.version,
      schema: this.schema,
      state: this.state,
      checkpoint: stored?.position,
      head,
      lag: lagBetween(stored?.position, head),
      eventsApplied: this.eventsApplied,
      lastError: this.lastError === undefined ? undefined : messageOf(this.lastError),
    };
  }

  private async run(signal: AbortSignal): Promise<void> {
    try {
      await runCheckpointedSubscription<never>({
        projection: this.projection.name,
        eventStore: this.options.eventStore,
        eventTypePrefixes: this.projection.eventTypePrefixes,
        batchSize: this.options.batchSize ?? 500,
        retry: this.retry,
        signal,
        readCheckpoint: async () => {
          // A follow-up that failed is owed still: its batch is committed and will not come again.
          await this.settleFollowUp();
          const stored = await readCheckpoint(this.options.db, this.schema);
          if (this.state === 'retrying') this.state = 'running';
          return stored.position;
        },
        applyBatch: (batch, from) => this.applyBatch(batch, from),
        onSubscribed: (subscription) => {
          this.hurrySubscription = () => subscription.hurry?.();
        },
        onRetry: (error, attempt, delayMs) => {
          this.state = 'retrying';
          this.lastError = error;
          this.options.logger?.warn(
            { projection: this.projection.name, attempt, delayMs, err: error },
            `Projection ${this.projection.name}: batch failed, retrying`,
          );
        },
      });
      this.state = 'stopped';
    } catch (error) {
      this.fail(error);
      throw error;
    } finally {
      this.controller = undefined;
    }
  }

  private async applyBatch(batch: SubscriptionBatch, from: Position): Promise<void> {
    const applied = await this.options.db.transaction(async (tx) => {
      await lockProjection(tx, this.schema);
      const stored = await readCheckpoint(tx, this.schema, { forUpdate: true });
      // A swap may have brought in a copy built by newer code: this runner must then step down.
      this.assertSameProjection(stored);
      if (comparePositions(stored.position, from) < 0) {
        throw new CheckpointMovedBack(`${this.schema} went back before what this runner delivered`);
      }
      if (comparePositions(batch.checkpoint, stored.position) <= 0) return [];
      // Another runner, or a swapped-in rebuild, may have applied the start of this batch already.
      const events = batch.events.filter((event) => comparePositions(event.position, stored.position) > 0);
      await applyEvents(tx, this.projection, this.copy, events);
      await writeCheckpoint(tx, this.schema, batch.checkpoint);
      return events;
    });
    if (this.projection.followUp?.needed(applied)) this.followUpOwed = true;
    // A failure here ends the subscription, which is retried: its restart settles the follow-up first.
    await this.settleFollowUp();
    if (applied.length > 0 && this.options.onApplied) {
      await Promise.resolve(this.options.onApplied(applied)).catch((error: unknown) =>
        this.options.logger?.warn({ projection: this.projection.name, err: error }, `Projection ${this.projection.name}: what follows an applied batch failed`),
      );
    }
    this.eventsApplied += applied.length;
    this.state = 'running';
    this.lastError = undefined;
    this.noteApplied(batch.checkpoint);
  }

  /**
   * Resolves `true` once the live copy has applied everything up to `position` (read-your-writes
   * for a command that just appended), `false` after `timeoutMs` or when the runner is not running.
   * Woken by this runner's own commits; every {@link APPLIED_RECHECK_MS} it also reads the stored
   * checkpoint, which another runner of the same projection may have moved.
   */
  async waitUntilApplied(position: Position, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    // A write the caller waits for is read without waiting out the subscription's gather window.
    if (!this.appliedThrough || comparePositions(this.appliedThrough, position) < 0) this.hurrySubscription();
    for (;;) {
      if (this.appliedThrough && comparePositions(this.appliedThrough, position) >= 0) return true;
      if (this.state === 'failed' || this.state === 'stopped') return false;
      const remaining = deadline - Date.now();
      if (remaining <= 0) return false;
      const woken = await new Promise<boolean>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          resolve(true);
        };
        const timer = setTimeout(() => {
          this.appliedWaiters.delete(wake);
          resolve(false);
        }, Math.min(remaining, APPLIED_RECHECK_MS));
        this.appliedWaiters.add(wake);
      });
      if (!woken) {
        const stored = await readCheckpointIfExists(this.options.db, this.schema);
        if (stored) this.noteApplied(stored.position);
      }
    }
  }

  private noteApplied(position: Position): void {
    if (this.appliedThrough && comparePositions(this.appliedThrough, position) >= 0) return;
    this.appliedThrough = position;
    const waiters = this.appliedWaiters;
    this.appliedWaiters = new Set();
    for (const wake of waiters) wake();
  }

  private async ensureLiveCopy(): Promise<void> {
    await this.options.db.transaction(async (tx) => {
      await lockProjection(tx, this.schema);
      const existing = await readCheckpointIfExists(tx, this.schema);
      if (existing) this.assertSameProjection(existing);
      else await installProjection(tx, this.projection, this.schema, null);
      // Work a crash left between a batch and its follow-up is done before anything else.
      await runFollowUp(tx, this.projection, this.copy);
    });
    this.followUpOwed = false;
  }

  /** Runs the follow-up a committed batch left owed, under the projection's lock: no batch adds work meanwhile. */
  private async settleFollowUp(): Promise<void> {
    if (!this.followUpOwed) return;
    await this.options.db.transaction(async (tx) => {
      await lockProjection(tx, this.schema);
      await runFollowUp(tx, this.projection, this.copy);
    });
    this.followUpOwed = false;
  }

  private assertSameProjection(stored: StoredCheckpoint): void {
    if (stored.projection !== this.projection.name || stored.version !== this.projection.version) {
      throw new ProjectionVersionMismatchError(this.projection.name, this.projection.version, this.schema, stored);
    }
  }

  private fail(error: unknown): void {
    this.state = 'failed';
    this.lastError = error;
    this.options.logger?.error({ projection: this.projection.name, err: error }, messageOf(error));
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
