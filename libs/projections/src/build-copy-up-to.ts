import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { comparePositions, formatPosition, lagBetween, START, type EventStore, type Position } from '@frm/event-store';
import type { SqlDatabase } from '@frm/postgres';
import { applyEvents } from './apply-events';
import { readCheckpoint, writeCheckpoint } from './checkpoint-table';
import { assertValidDefinition } from './define-projection';
import { ProjectionVersionMismatchError } from './errors';
import { buildPendingReadIndexes, dropSchema, installProjection } from './install-projection';
import type { ProjectionDefinition } from './projection';
import { projectionSchema } from './projection-schema';

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

const DUPLICATE_SCHEMA = '42P06';

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
  const started = performance.now();
  const { projection, eventStore, db, schema } = options;
  assertValidDefinition(projection);
  const until = await endOfBuild(eventStore, options.until, projection.name);
  const from = options.resume ? await resumePoint(db, projection, schema, until) : await createCopy(db, projection, schema);
  try {
    const eventsApplied = await applyUpTo(options, from, until);
    await buildPendingReadIndexes(db, projection, schema);
    return { projection: projection.name, schema, checkpoint: until, eventsApplied, durationMs: performance.now() - started };
  } catch (error) {
    if (!options.resume) await dropSchema(db, schema).catch(() => undefined);
    throw error;
  }
}

async function endOfBuild(eventStore: EventStore, until: Position | undefined, projection: string): Promise<Position> {
  const head = await eventStore.headPosition();
  if (!until) return head ?? START;
  // Events past the head may still commit below `until`: a checkpoint there would claim them unseen.
  if (comparePositions(until, head ?? START) > 0) {
    throw new RangeError(
      `Cannot build projection "${projection}" up to ${formatPosition(until)}: the event store ends at ${head ? formatPosition(head) : 'the start (it is empty)'}; ` +
        `pass a position the store has reached`,
    );
  }
  return until;
}

async function createCopy(db: SqlDatabase, projection: ProjectionDefinition, schema: string): Promise<Position> {
  try {
    await db.transaction((tx) => installProjection(tx, projection, schema, null, { deferReadIndexes: true }));
  } catch (error) {
    if ((error as { code?: string }).code !== DUPLICATE_SCHEMA) throw error;
    throw new RangeError(`Schema "${schema}" exists already; a copy is built in a new schema: drop it, pick another name, or pass resume to carry it on`);
  }
  return START;
}

async function resumePoint(db: SqlDatabase, projection: ProjectionDefinition, schema: string, until: Position): Promise<Position> {
  const stored = await readCheckpoint(db, schema);
  if (stored.projection !== projection.name || stored.version !== projection.version) {
    throw new ProjectionVersionMismatchError(projection.name, projection.version, schema, stored);
  }
  if (comparePositions(stored.position, until) > 0) {
    throw new RangeError(
      `The copy in schema "${schema}" stands at ${formatPosition(stored.position)}, past ${formatPosition(until)}: a copy never goes back; build a new one`,
    );
  }
  return stored.position;
}

async function applyUpTo(options: BuildCopyUpToOptions, from: Position, until: Position): Promise<number> {
  const { schema, signal } = options;
  const build = { eventsApplied: 0, checkpoint: from, reachedUntil: comparePositions(from, until) >= 0 };
  // A read of the whole store can end early when a transaction that held its events back ends
  // during the read (Postgres readAll, between a page and its horizon check): read again from where
  // the copy stands until a read finds nothing more. A complete first read costs one empty re-read.
  let appliedBefore = -1;
  while (!build.reachedUntil && build.eventsApplied > appliedBefore) {
    appliedBefore = build.eventsApplied;
    await readAndApply(options, build, until);
  }
  signal?.throwIfAborted();
  // Events after the last matching one up to `until` are not this projection's: the copy stands at `until`.
  if (comparePositions(build.checkpoint, until) !== 0) await writeCheckpoint(options.db, schema, until);
  return build.eventsApplied;
}

/** One read from the copy's checkpoint on, applying batch by batch, until `until` or the end of the read. */
async function readAndApply(
  options: BuildCopyUpToOptions,
  build: { eventsApplied: number; checkpoint: Position; reachedUntil: boolean },
  until: Position,
): Promise<void> {
  const { projection, eventStore, db, schema, signal } = options;
  const copy = projectionSchema(schema);
  const pages = eventStore.readAll({ after: build.checkpoint, filter: { eventTypePrefixes: projection.eventTypePrefixes }, pageSize: options.batchSize ?? 1_000 });
  for await (const page of pages) {
    signal?.throwIfAborted();
    const events = page.filter((event) => comparePositions(event.position, until) <= 0);
    const last = events[events.length - 1];
    if (last) {
      await db.transaction(async (tx) => {
        await applyEvents(tx, projection, copy, events);
        await writeCheckpoint(tx, schema, last.position);
      });
      build.eventsApplied += events.length;
      build.checkpoint = last.position;
      report(options, { projection: projection.name, schema, eventsApplied: build.eventsApplied, checkpoint: last.position, until, remaining: lagBetween(last.position, until) });
    }
    // Past `until` on a store that keeps growing: the rest is not this copy's.
    if (events.length < page.length || (last && comparePositions(last.position, until) === 0)) {
      build.reachedUntil = true;
      return;
    }
    // Embedded PGlite answers in microtasks only: let the rest of the process run between batches.
    await yieldToEventLoop();
  }
}

function report(options: BuildCopyUpToOptions, progress: CopyUpToProgress): void {
  try {
    options.onProgress?.(progress);
  } catch {
    // A failing progress display must not fail the build.
  }
}
