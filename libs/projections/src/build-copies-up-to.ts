import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { comparePositions, formatPosition, lagBetween, matchesFilter, START, type EventStore, type Position, type RecordedEvent } from '@frm/event-store';
import { makeSchemaUnlogged, type SqlDatabase } from '@frm/postgres';
import { applyEventsAndFollowUp } from './apply-events';
import { readCheckpoint, writeCheckpoint } from './checkpoint-table';
import { assertValidDefinition } from './define-projection';
import { ProjectionVersionMismatchError } from './errors';
import { buildPendingReadIndexes, dropSchema, installProjection } from './install-projection';
import type { ProjectionDefinition } from './projection';
import { projectionSchema } from './projection-schema';

/** One copy to build: a projection and the schema it is built in. */
export interface CopyToBuild {
  projection: ProjectionDefinition;
  /** A schema that does not exist yet; with `resume`, one an earlier call built. */
  schema: string;
}

export interface BuildCopiesUpToOptions {
  copies: readonly CopyToBuild[];
  eventStore: EventStore;
  /** Where the copies are built; it need not be the event store's database. */
  db: SqlDatabase;
  /** The last position to apply, inclusive (default the store's head when the build starts); never past the head. */
  until?: Position;
  /** Carry on copies earlier calls built, each from its own checkpoint, instead of creating them. */
  resume?: boolean;
  /**
   * Create the copies' tables unlogged (no WAL, no flush at each batch's commit): for scratch copies
   * that are compared and dropped, never for one that may serve (a crash would empty it).
   */
  unlogged?: boolean;
  /** Events read per page and applied per transaction (default 1000). */
  batchSize?: number;
  /** Stops before the next batch; the call then rejects with the signal's reason. */
  signal?: AbortSignal;
  onProgress?(progress: CopiesUpToProgress): void;
}

/** Reported after every page applied to every copy. */
export interface CopiesUpToProgress {
  /** Events applied so far, by projection name. */
  eventsApplied: Readonly<Record<string, number>>;
  /** Every event of the store up to here is read. */
  readThrough: Position;
  until: Position;
  /** Approximate events of the store still to scan: `prepare` distance, as for a runner's lag. */
  remaining: bigint;
}

export interface CopiesUpToResult {
  /** Equal to `until` for every copy: every matching event up to it is applied, none after it. */
  checkpoint: Position;
  /** Events applied, by projection name. */
  eventsApplied: Record<string, number>;
  durationMs: number;
}

const DUPLICATE_SCHEMA = '42P06';
const DEFAULT_BATCH_SIZE = 1_000;

/** A copy as the build goes: where it stands, and what it has applied. */
interface CopyInBuild extends CopyToBuild {
  checkpoint: Position;
  eventsApplied: number;
}

/**
 * Builds copies of several projections up to one fixed position from a single read of the event
 * store: each page is read once (decoded, decrypted) and applied to every copy at the same time, each
 * copy in its own transaction with its checkpoint, while the next page is already being read. A
 * restore rebuilding every projection so reads the history once instead of once per projection and
 * keeps the database's cores busy. Otherwise as {@link buildCopyUpTo}: frozen copies, read indexes
 * built at the end, and every schema the call created dropped when it fails or is cancelled.
 * @throws RangeError when `until` lies past the store's head, or a schema exists and `resume` is not set
 * @throws ProjectionSchemaMissingError / ProjectionVersionMismatchError when resuming a copy that is not there or not its projection's
 */
export async function buildCopiesUpTo(options: BuildCopiesUpToOptions): Promise<CopiesUpToResult> {
  const started = performance.now();
  const { db, copies } = options;
  for (const copy of copies) assertValidDefinition(copy.projection);
  assertDistinct(copies);
  const until = await endOfBuild(options.eventStore, options.until, copies);
  const created: string[] = [];
  try {
    const inBuild: CopyInBuild[] = [];
    for (const copy of copies) {
      const from = options.resume ? await resumePoint(db, copy, until) : await createCopy(db, copy, options.unlogged ?? false);
      if (!options.resume) created.push(copy.schema);
      inBuild.push({ ...copy, checkpoint: from, eventsApplied: 0 });
    }
    await applyUpTo(options, inBuild, until);
    await Promise.all(inBuild.map((copy) => buildPendingReadIndexes(db, copy.projection, copy.schema)));
    return { checkpoint: until, eventsApplied: Object.fromEntries(inBuild.map((copy) => [copy.projection.name, copy.eventsApplied])), durationMs: performance.now() - started };
  } catch (error) {
    for (const schema of created) await dropSchema(db, schema).catch(() => undefined);
    throw error;
  }
}

function assertDistinct(copies: readonly CopyToBuild[]): void {
  const schemas = new Set(copies.map((copy) => copy.schema));
  if (schemas.size !== copies.length) throw new RangeError(`Each copy needs a schema of its own; given ${copies.map((copy) => copy.schema).join(', ')}`);
}

async function endOfBuild(eventStore: EventStore, until: Position | undefined, copies: readonly CopyToBuild[]): Promise<Position> {
  const head = await eventStore.headPosition();
  if (!until) return head ?? START;
  // Events past the head may still commit below `until`: a checkpoint there would claim them unseen.
  if (comparePositions(until, head ?? START) > 0) {
    const names = `${copies.length === 1 ? 'projection' : 'projections'} ${copies.map((copy) => `"${copy.projection.name}"`).join(', ')}`;
    throw new RangeError(
      `Cannot build ${names} up to ${formatPosition(until)}: the event store ends at ${head ? formatPosition(head) : 'the start (it is empty)'}; ` +
        `pass a position the store has reached`,
    );
  }
  return until;
}

async function createCopy(db: SqlDatabase, copy: CopyToBuild, unlogged: boolean): Promise<Position> {
  try {
    await db.transaction(async (tx) => {
      await installProjection(tx, copy.projection, copy.schema, null, { deferReadIndexes: true });
      if (unlogged) await makeSchemaUnlogged(tx, copy.schema);
    });
  } catch (error) {
    if ((error as { code?: string }).code !== DUPLICATE_SCHEMA) throw error;
    throw new RangeError(`Schema "${copy.schema}" exists already; a copy is built in a new schema: drop it, pick another name, or pass resume to carry it on`);
  }
  return START;
}

async function resumePoint(db: SqlDatabase, copy: CopyToBuild, until: Position): Promise<Position> {
  const stored = await readCheckpoint(db, copy.schema);
  if (stored.projection !== copy.projection.name || stored.version !== copy.projection.version) {
    throw new ProjectionVersionMismatchError(copy.projection.name, copy.projection.version, copy.schema, stored);
  }
  if (comparePositions(stored.position, until) > 0) {
    throw new RangeError(
      `The copy in schema "${copy.schema}" stands at ${formatPosition(stored.position)}, past ${formatPosition(until)}: a copy never goes back; build a new one`,
    );
  }
  return stored.position;
}

async function applyUpTo(options: BuildCopiesUpToOptions, copies: CopyInBuild[], until: Position): Promise<void> {
  const read = { through: earliestCheckpoint(copies), reachedUntil: false, pagesRead: 0 };
  read.reachedUntil = comparePositions(read.through, until) >= 0;
  // A read of the whole store can end early when a transaction that held its events back ends
  // during the read (Postgres readAll, between a page and its horizon check): read again from where
  // the read stopped until a read finds nothing more. A complete first read costs one empty re-read.
  let pagesBefore = -1;
  while (!read.reachedUntil && read.pagesRead > pagesBefore) {
    pagesBefore = read.pagesRead;
    await readAndApply(options, copies, read, until);
  }
  options.signal?.throwIfAborted();
  // Events after a copy's last matching one up to `until` are not its own: every copy stands at `until`.
  for (const copy of copies) if (comparePositions(copy.checkpoint, until) !== 0) await writeCheckpoint(options.db, copy.schema, until);
}

/** One read from the earliest checkpoint on, each page applied to every copy at once while the next is read. */
async function readAndApply(
  options: BuildCopiesUpToOptions,
  copies: CopyInBuild[],
  read: { through: Position; reachedUntil: boolean; pagesRead: number },
  until: Position,
): Promise<void> {
  const { signal } = options;
  const pages = options.eventStore.readAll({ after: read.through, filter: unionFilter(copies), pageSize: options.batchSize ?? DEFAULT_BATCH_SIZE })[Symbol.asyncIterator]();
  let next = pages.next();
  try {
    for (;;) {
      const page = await next;
      if (page.done) return;
      signal?.throwIfAborted();
      const events = page.value.filter((event) => comparePositions(event.position, until) <= 0);
      const pastUntil = events.length < page.value.length;
      const last = events[events.length - 1];
      const reachedUntil = pastUntil || (last !== undefined && comparePositions(last.position, until) === 0);
      // Read ahead while the copies apply this page, unless this page ends the build.
      if (!reachedUntil) next = pages.next();
      await applyToEveryCopy(options.db, copies, events);
      if (last) {
        read.pagesRead += 1;
        read.through = last.position;
        report(options, {
          eventsApplied: Object.fromEntries(copies.map((copy) => [copy.projection.name, copy.eventsApplied])),
          readThrough: last.position,
          until,
          remaining: lagBetween(last.position, until),
        });
      }
      if (reachedUntil) {
        read.reachedUntil = true;
        return;
      }
      // Embedded PGlite answers in microtasks only: let the rest of the process run between batches.
      await yieldToEventLoop();
    }
  } finally {
    // Settle the read ahead (its page is dropped) and close the read.
    await next.catch(() => undefined);
    await pages.return?.().catch(() => undefined);
  }
}

/** Applies a page to every copy, each in its own transaction; waits for all before failing with the first error. */
async function applyToEveryCopy(db: SqlDatabase, copies: CopyInBuild[], events: readonly RecordedEvent[]): Promise<void> {
  const outcomes = await Promise.allSettled(
    copies.map(async (copy) => {
      const own = events.filter((event) => comparePositions(event.position, copy.checkpoint) > 0 && matchesFilter({ eventTypePrefixes: copy.projection.eventTypePrefixes }, event.type, event.streamId));
      const last = own[own.length - 1];
      if (!last) return;
      await db.transaction(async (tx) => {
        await applyEventsAndFollowUp(tx, copy.projection, projectionSchema(copy.schema), own);
        await writeCheckpoint(tx, copy.schema, last.position);
      });
      copy.eventsApplied += own.length;
      copy.checkpoint = last.position;
    }),
  );
  const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failed) throw failed.reason;
}

function earliestCheckpoint(copies: readonly CopyInBuild[]): Position {
  return copies.reduce<Position | undefined>((earliest, copy) => (earliest === undefined || comparePositions(copy.checkpoint, earliest) < 0 ? copy.checkpoint : earliest), undefined) ?? START;
}

/** Every event type any copy takes (an empty list of prefixes takes every event). */
function unionFilter(copies: readonly CopyInBuild[]): { eventTypePrefixes?: string[] } {
  if (copies.some((copy) => copy.projection.eventTypePrefixes.length === 0)) return {};
  return { eventTypePrefixes: [...new Set(copies.flatMap((copy) => copy.projection.eventTypePrefixes))] };
}

function report(options: BuildCopiesUpToOptions, progress: CopiesUpToProgress): void {
  try {
    options.onProgress?.(progress);
  } catch {
    // A failing progress display must not fail the build.
  }
}
