import type { EventStore, Position } from '@frm/event-store';
import type { SqlDatabase } from '@frm/postgres';
import { buildCopiesUpTo, type CopiesUpToProgress } from './build-copies-up-to';
import type { ProjectionDefinition } from './projection';

export interface BuildCopyUpToOptions {
  projection: ProjectionDefinition;
  eventStore: EventStore;
  /** Where the copy is built; it need not be the event store's database. */
  db: SqlDatabase;
  /** A schema that does not exist yet; with `resume`, one an earlier call built. */
  schema: string;
  /** The last position to apply, inclusive (default the store's head when the build starts); never past the head. */
  until?: Position;
  /** Carry on a copy an earlier call built, from its checkpoint, instead of creating one. */
  resume?: boolean;
  /** Events read per page and applied per transaction (default 1000). */
  batchSize?: number;
  /** Stops before the next batch; the call then rejects with the signal's reason. */
  signal?: AbortSignal;
  onProgress?(progress: CopyUpToProgress): void;
}

/** Reported after every batch applied. */
export interface CopyUpToProgress {
  projection: string;
  schema: string;
  eventsApplied: number;
  checkpoint: Position;
  until: Position;
  /** Approximate events of the store still to scan: `prepare` distance, as for a runner's lag. */
  remaining: bigint;
}

export interface CopyUpToResult {
  projection: string;
  schema: string;
  /** Equal to `until`: every matching event up to it is applied, none after it. */
  checkpoint: Position;
  eventsApplied: number;
  durationMs: number;
}

/**
 * Builds a copy of a projection from the first event (or from where an earlier call stopped) up to
 * a fixed position, into a schema of its own, and stops there: a frozen copy to compare with
 * another frozen at the same event, e.g. a read model rebuilt from a restored backup with one built
 * from the live store up to the backup's last event. Batches are applied as a runner applies them
 * ({@link applyEvents}, checkpoint in the same transaction); no live copy is read, locked or
 * followed. The read indexes are built once the copy stands at `until`. A build that fails or is
 * cancelled drops the schema it created.
 * @throws RangeError when `until` lies past the store's head, or `schema` exists and `resume` is not set
 * @throws ProjectionSchemaMissingError / ProjectionVersionMismatchError when resuming a copy that is not there or not this projection's
 */
export async function buildCopyUpTo(options: BuildCopyUpToOptions): Promise<CopyUpToResult> {
  const { projection, schema, onProgress } = options;
  const built = await buildCopiesUpTo({
    copies: [{ projection, schema }],
    eventStore: options.eventStore,
    db: options.db,
    ...(options.until ? { until: options.until } : {}),
    ...(options.resume ? { resume: true } : {}),
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(onProgress
      ? {
          onProgress: (progress: CopiesUpToProgress) =>
            onProgress({
              projection: projection.name,
              schema,
              eventsApplied: progress.eventsApplied[projection.name] ?? 0,
              checkpoint: progress.readThrough,
              until: progress.until,
              remaining: progress.remaining,
            }),
        }
      : {}),
  });
  return { projection: projection.name, schema, checkpoint: built.checkpoint, eventsApplied: built.eventsApplied[projection.name] ?? 0, durationMs: built.durationMs };
}
