import { randomUUID } from 'node:crypto';
import { comparePositions, lagBetween, START, type EventStore, type Position, type SubscriptionBatch } from '@frm/event-store';
import type { SqlDatabase, SqlQueryable } from '@frm/postgres';
import { applyEventsAndFollowUp } from './apply-events';
import type { BuildProgress } from './build-progress';
import { readCheckpoint, readCheckpointIfExists, writeCheckpoint, type StoredCheckpoint } from './checkpoint-table';
import { FinishSubscription, runCheckpointedSubscription } from './checkpointed-subscription';
import { RebuildInProgressError, RebuildTakenOverError } from './errors';
import { buildPendingReadIndexes, dropSchema, installProjection } from './install-projection';
import { laterOf } from './positions';
import type { ProjectionDefinition, ProjectionSchema } from './projection';
import { lockProjection } from './projection-lock';
import type { ProjectionLogger } from './projection-logger';
import { projectionSchema } from './projection-schema';
import type { RetryPolicy } from './retry-policy';

export interface CopyBuildOptions<Result> {
  projection: ProjectionDefinition;
  eventStore: EventStore;
  db: SqlDatabase;
  liveSchema: string;
  /** The schema the copy is built in; claimed first, left in place for the caller to swap or drop. */
  target: string;
  batchSize: number;
  retry: Required<RetryPolicy>;
  staleAfterMs: number;
  signal: AbortSignal;
  /**
   * `start`: lock the live copy for every batch, so the copy never passes it (verify).
   * `head`: only once past the head seen at the start (rebuild), so the live runner is not slowed before.
   */
  followLiveFrom: 'start' | 'head';
  /** Runs in the transaction that brought the copy exactly to `checkpoint`, with the live copy locked. */
  complete(tx: SqlQueryable, checkpoint: Position, live: StoredCheckpoint | undefined): Promise<Result>;
  onProgress?(progress: BuildProgress): void;
  logger?: ProjectionLogger;
}

export interface CopyBuildOutcome<Result> {
  result: Result;
  checkpoint: Position;
  eventsApplied: number;
}

/**
 * Builds a copy of a projection from the first event into its own schema while the live copy
 * keeps serving and being updated, until the copy has caught up with the live one; `complete`
 * then swaps or compares inside that same transaction. The copy's read indexes are built once it
 * has applied the history up to the head seen at the start.
 */
export class ProjectionCopyBuild<Result> {
  private readonly buildId = randomUUID();
  private readonly copy: ProjectionSchema;
  private eventsApplied = 0;
  private head: Position | undefined;
  private readIndexesBuilt = false;

  constructor(private readonly options: CopyBuildOptions<Result>) {
    this.copy = projectionSchema(options.target);
  }

  /** Creates the empty copy, taking over one left by a build that stopped writing `staleAfterMs` ago. */
  async claim(): Promise<void> {
    const { db, projection, target, staleAfterMs } = this.options;
    await db.transaction(async (tx) => {
      await lockProjection(tx, target);
      const existing = await readCheckpointIfExists(tx, target, { recentWithinMs: staleAfterMs });
      if (existing?.buildId && existing.recent) throw new RebuildInProgressError(projection.name, target, staleAfterMs);
      await dropSchema(tx, target);
      await installProjection(tx, projection, target, this.buildId, { deferReadIndexes: true });
    });
  }

  /** Resolves `undefined` when the signal fired before `complete` committed. */
  async run(): Promise<CopyBuildOutcome<Result> | undefined> {
    this.head = await this.options.eventStore.headPosition();
    // With no events at all no batch would ever arrive to finish the build.
    if (!this.head) {
      const finished = await this.finishWithoutEvents();
      if (finished || this.options.signal.aborted) return finished;
    }
    return runCheckpointedSubscription<CopyBuildOutcome<Result>>({
      projection: this.options.projection.name,
      eventStore: this.options.eventStore,
      eventTypePrefixes: this.options.projection.eventTypePrefixes,
      batchSize: this.options.batchSize,
      retry: this.options.retry,
      signal: this.options.signal,
      readCheckpoint: async () => (await this.readOwnCheckpoint(this.options.db)).position,
      applyBatch: (batch, from) => this.applyBatch(batch, from),
      onRetry: (error, attempt, delayMs) =>
        this.options.logger?.warn(
          { projection: this.options.projection.name, schema: this.options.target, attempt, delayMs, err: error },
          `Building a copy of projection ${this.options.projection.name}: batch failed, retrying`,
        ),
    });
  }

  /** Drops the copy unless another build has taken it over since. */
  async discard(): Promise<void> {
    const { db, target } = this.options;
    await db.transaction(async (tx) => {
      await lockProjection(tx, target);
      const existing = await readCheckpointIfExists(tx, target);
      if (existing?.buildId === this.buildId) await dropSchema(tx, target);
    });
  }

  private async finishWithoutEvents(): Promise<CopyBuildOutcome<Result> | undefined> {
    try {
      await this.applyBatch({ events: [], checkpoint: START }, START);
      return undefined;
    } catch (error) {
      if (error instanceof FinishSubscription) return error.result as CopyBuildOutcome<Result>;
      if (this.options.signal.aborted) return undefined;
      throw error;
    }
  }

  private async applyBatch(batch: SubscriptionBatch, from: Position): Promise<void> {
    const { db, liveSchema, target } = this.options;
    const followLive = this.options.followLiveFrom === 'start' || !this.head || comparePositions(batch.checkpoint, this.head) >= 0;
    // The history is in: the readers' indexes are built in one pass now, before the batches that
    // may bring the copy level with the live one (and swap it in) hold the live copy's lock.
    if (followLive && !this.readIndexesBuilt) {
      const started = performance.now();
      if (await buildPendingReadIndexes(db, this.options.projection, target)) {
        const ms = Math.round(performance.now() - started);
        this.options.logger?.info({ projection: this.options.projection.name, schema: target, ms }, `Built the read indexes of the copy of ${this.options.projection.name} in ${ms} ms`);
      }
      this.readIndexesBuilt = true;
    }
    const step = await db.transaction(async (tx) => {
      const own = await this.readOwnCheckpoint(tx, true);
      if (comparePositions(own.position, from) !== 0) throw new RebuildTakenOverError(this.options.projection.name, target);
      if (!followLive) return this.applyUpTo(tx, batch, batch.checkpoint);
      await lockProjection(tx, liveSchema);
      const live = await readCheckpointIfExists(tx, liveSchema);
      if (live && comparePositions(batch.checkpoint, live.position) < 0) return this.applyUpTo(tx, batch, batch.checkpoint);
      // Stop exactly where the live copy stands, so the live runner finds the checkpoint it expects.
      const checkpoint = live ? laterOf(from, live.position) : batch.checkpoint;
      const applied = await this.applyUpTo(tx, batch, checkpoint);
      return { ...applied, result: await this.options.complete(tx, checkpoint, live) };
    });
    this.eventsApplied += step.applied;
    const outcome = 'result' in step ? { result: step.result, checkpoint: step.checkpoint, eventsApplied: this.eventsApplied } : undefined;
    this.report(step.checkpoint, outcome !== undefined);
    if (outcome) throw new FinishSubscription(outcome);
  }

  private async applyUpTo(tx: SqlQueryable, batch: SubscriptionBatch, checkpoint: Position) {
    const events = batch.events.filter((event) => comparePositions(event.position, checkpoint) <= 0);
    await applyEventsAndFollowUp(tx, this.options.projection, this.copy, events);
    await writeCheckpoint(tx, this.options.target, checkpoint);
    return { applied: events.length, checkpoint };
  }

  private async readOwnCheckpoint(q: SqlQueryable, forUpdate = false): Promise<StoredCheckpoint> {
    const own = await readCheckpoint(q, this.options.target, { forUpdate });
    if (own.buildId !== this.buildId) throw new RebuildTakenOverError(this.options.projection.name, this.options.target);
    return own;
  }

  private report(checkpoint: Position, done: boolean): void {
    const head = this.head;
    const phase = done ? 'done' : head && comparePositions(checkpoint, head) < 0 ? 'building' : 'catching-up';
    try {
      this.options.onProgress?.({
        projection: this.options.projection.name,
        phase,
        eventsApplied: this.eventsApplied,
        checkpoint,
        head,
        remaining: lagBetween(checkpoint, head),
      });
    } catch (error) {
      this.options.logger?.warn({ projection: this.options.projection.name, err: error }, 'A progress callback failed; the build goes on');
    }
  }
}
