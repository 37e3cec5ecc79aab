import { setTimeout as sleep } from 'node:timers/promises';
import { comparePositions, START, type EventStore, type Position } from '@frm/event-store';
import type { SqlDatabase } from '@frm/postgres';
import { buildCopiesUpTo, type CopyToBuild } from '@frm/projections';

export interface RestoredCopiesFollowerOptions {
  readonly db: SqlDatabase;
  readonly copies: readonly CopyToBuild[];
  /** The restored store as the services read it (wrapped). */
  readonly eventStore: EventStore;
  /** The restored store's head as the restore stands (raw). */
  readonly head: () => Promise<Position | undefined>;
  readonly batchSize: number;
  readonly signal: AbortSignal;
  /** How long to wait for more events when the copies have applied every restored one (default 200 ms). */
  readonly pollMs?: number;
}

/**
 * Builds the restored copies while the restore still imports: it creates them (unlogged, read indexes
 * left for the end) and, round after round, applies every event restored so far. The restore's
 * work is mostly this process's (reading, unzipping, checking files), the copies' mostly the
 * database's, so the two overlap on two cores. The import commits batch after batch, one at a time,
 * so an event that commits later always lies past the head a round stopped at.
 */
export class RestoredCopiesFollower {
  private readonly applied: Record<string, number>;
  /** Cuts a wait for more events short. */
  private readonly wake = new AbortController();
  /** Stops a round at its next batch. */
  private readonly cancelled = new AbortController();
  private restoreEnded = false;
  private readonly running: Promise<{ error: unknown } | undefined>;

  constructor(private readonly options: RestoredCopiesFollowerOptions) {
    this.applied = Object.fromEntries(options.copies.map((copy) => [copy.projection.name, 0]));
    // Settled at once: a failure is reported by `finish`, never as an unhandled rejection.
    this.running = this.follow().then(
      () => undefined,
      (error: unknown) => ({ error }),
    );
  }

  /**
   * The restore ended: finishes the round under way, then resolves with the events applied per
   * projection (the copies stand at the head that round stopped at; the caller carries them on).
   * @throws what stopped a round (a projection's error, the drill's cancellation)
   */
  async finish(): Promise<Record<string, number>> {
    this.restoreEnded = true;
    this.wake.abort();
    const outcome = await this.running;
    if (outcome) throw outcome.error;
    return { ...this.applied };
  }

  /** The restore failed: stops the round under way at its next batch, and swallows what it ends with. */
  async cancel(): Promise<void> {
    this.restoreEnded = true;
    this.wake.abort();
    this.cancelled.abort();
    await this.running;
  }

  private async follow(): Promise<void> {
    const { db, copies, eventStore, batchSize } = this.options;
    const signal = AbortSignal.any([this.options.signal, this.cancelled.signal]);
    await buildCopiesUpTo({ copies, eventStore, db, until: START, unlogged: true, deferReadIndexes: true, signal });
    let through: Position = START;
    while (!this.restoreEnded) {
      const head = (await this.options.head()) ?? START;
      if (comparePositions(head, through) > 0) {
        // A round is not interrupted when the restore ends: its events are to be applied anyway.
        const round = await buildCopiesUpTo({ copies, eventStore, db, until: head, resume: true, deferReadIndexes: true, batchSize, signal });
        for (const [name, count] of Object.entries(round.eventsApplied)) this.applied[name] = (this.applied[name] ?? 0) + count;
        through = head;
      } else {
        await sleep(this.options.pollMs ?? 200, undefined, { signal: AbortSignal.any([signal, this.wake.signal]) }).catch(() => undefined);
        signal.throwIfAborted();
      }
    }
  }
}
