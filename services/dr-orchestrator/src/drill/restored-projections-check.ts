import { comparePositions, formatPosition, lagBetween, START, type EventStore, type Position } from '@frm/event-store';
import type { SqlDatabase } from '@frm/postgres';
import { buildCopiesUpTo, compareCopies, projectionHealth, type CopiesUpToProgress, type CopiesUpToResult, type ProjectionDefinition, type VerifyReport } from '@frm/projections';
import type { DrillPhase, DrillVerification } from './drill-options';
import type { ProjectionCheck } from './drill-report';
import type { DrillSchemas } from './drill-schemas';
import type { PhaseClock } from './phase-clock';
import { checkRestoredEvents, type RestoredEventsCheck } from './restored-events-check';

export interface RestoredProjectionsCheckOptions {
  readonly db: SqlDatabase;
  readonly projections: readonly ProjectionDefinition[];
  readonly liveSchemaOf: (projection: string) => string;
  readonly schemas: DrillSchemas;
  readonly restored: EventStore;
  readonly live: EventStore;
  /** The restored store's position of the last restored event. */
  readonly restoredThrough: Position;
  /** The live store's position of that same event. */
  readonly liveThrough: Position;
  /** The restored store's head: past `restoredThrough` when the ledger appended erasures. */
  readonly restoredHead: Position;
  readonly compareWithLiveCopies: boolean;
  readonly verifyWith: DrillVerification;
  readonly batchSize: number;
  readonly signal: AbortSignal;
  readonly clock: PhaseClock;
  readonly onProgress: (phase: DrillPhase, done: number, total: number, projection?: string) => void;
}

export interface RestoredProjectionsCheck {
  readonly projections: ProjectionCheck[];
  /** `undefined` when the drill verified with reference copies instead. */
  readonly events: RestoredEventsCheck | undefined;
}

/**
 * Rebuilds every projection from the restored events up to the last restored event, all from one
 * read (carrying on the copies built while restoring, when there are), and verifies each against
 * the live system as it was at that same event:
 *  - against its live copy, when that stands exactly there (a quiet system);
 *  - else, by default, through the events: the restored events are compared one by one with the
 *    live events up to the same event (while the copies are built), and equal events make the copy
 *    the live system had there;
 *  - else (`verifyWith: 'reference-copies'`, or when the events differ, to tell which tables that
 *    changes) against reference copies built from the live events up to it, again from one read.
 * Then applies what the ledger appended, proving the restored copies take it. The live read models
 * are only read.
 */
export async function checkRestoredProjections(options: RestoredProjectionsCheckOptions): Promise<RestoredProjectionsCheck> {
  const { projections, schemas, clock, db } = options;
  clock.enter('rebuild');
  // The events are compared while the copies are built: the comparison is this process's work, the
  // builds mostly the database's, so together they keep both cores busy.
  const eventsCheck = options.verifyWith === 'live-events' ? compareEventsAlongside(options) : undefined;
  let rebuilt: CopiesUpToResult;
  const withLiveCopies = new Map<string, VerifyReport | undefined>();
  let events: RestoredEventsCheck | undefined;
  try {
    rebuilt = await buildCopiesUpTo({
      ...buildOptions(options, 'rebuild'),
      copies: projections.map((projection) => ({ projection, schema: schemas.restoredCopy(projection.name) })),
      eventStore: options.restored,
      until: options.restoredThrough,
      unlogged: true,
    });
    if (options.compareWithLiveCopies) {
      clock.enter('compare');
      for (const [index, projection] of projections.entries()) {
        options.signal.throwIfAborted();
        withLiveCopies.set(projection.name, await compareWithLiveCopy(options, projection));
        options.onProgress('compare', index + 1, projections.length, projection.name);
      }
    }
    if (eventsCheck) {
      // Only what the comparison takes past the builds counts as its phase.
      clock.enter('verify-events');
      events = await eventsCheck.result();
    }
  } catch (error) {
    await eventsCheck?.stop();
    throw error;
  }
  const unsettled = projections.filter((projection) => !withLiveCopies.get(projection.name)?.matches);

  const withReferences = new Map<string, VerifyReport>();
  const needReference = events?.matches ? [] : unsettled;
  if (needReference.length > 0) {
    clock.enter('reference');
    await buildCopiesUpTo({
      ...buildOptions(options, 'reference'),
      copies: needReference.map((projection) => ({ projection, schema: schemas.referenceCopy(projection.name) })),
      eventStore: options.live,
      until: options.liveThrough,
      unlogged: true,
    });
    clock.enter('compare');
    for (const [index, projection] of needReference.entries()) {
      options.signal.throwIfAborted();
      withReferences.set(projection.name, await compareCopies(db, projection.name, schemas.referenceCopy(projection.name), schemas.restoredCopy(projection.name), options.liveThrough));
      options.onProgress('compare', index + 1, needReference.length, projection.name);
    }
  }

  let ledgerEventsApplied: Record<string, number> = {};
  if (comparePositions(options.restoredHead, options.restoredThrough) > 0) {
    clock.enter('ledger');
    const caughtUp = await buildCopiesUpTo({
      ...buildOptions(options, 'ledger'),
      copies: projections.map((projection) => ({ projection, schema: schemas.restoredCopy(projection.name) })),
      eventStore: options.restored,
      until: options.restoredHead,
      resume: true,
    });
    ledgerEventsApplied = caughtUp.eventsApplied;
  }

  const checks = projections.map((projection): ProjectionCheck => {
    const name = projection.name;
    const live = withLiveCopies.get(name);
    const reference = withReferences.get(name);
    const verdict: Pick<ProjectionCheck, 'matches' | 'comparedWith' | 'differences'> = live?.matches
      ? { matches: true, comparedWith: 'live-copy', differences: [] }
      : reference
        ? { matches: reference.matches, comparedWith: 'reference-copy', differences: differencesOf(reference) }
        : { matches: events?.matches ?? false, comparedWith: 'live-events', differences: [] };
    return {
      name,
      liveSchema: options.liveSchemaOf(name),
      ...verdict,
      liveCopyMatches: live?.matches,
      restoredEvents: rebuilt.eventsApplied[name] ?? 0,
      ledgerEventsApplied: ledgerEventsApplied[name] ?? 0,
    };
  });
  return { projections: checks, events };
}

/** The events check, started now and awaited later; `stop` ends it early (the build failed). */
function compareEventsAlongside(options: RestoredProjectionsCheckOptions): { result(): Promise<RestoredEventsCheck>; stop(): Promise<void> } {
  const stopped = new AbortController();
  const signal = AbortSignal.any([options.signal, stopped.signal]);
  const total = Number(lagBetween(START, options.liveThrough));
  // Settled at once, so that a failure while the builds still run is not an unhandled rejection.
  const outcome = checkRestoredEvents({ ...options, signal, onProgress: (done) => options.onProgress('verify-events', done, total) }).then(
    (check) => ({ check }),
    (error: unknown) => ({ error }),
  );
  return {
    result: async () => {
      const settled = await outcome;
      if ('error' in settled) throw settled.error;
      return settled.check;
    },
    stop: async () => {
      stopped.abort();
      await outcome;
    },
  };
}

function differencesOf(report: VerifyReport): ProjectionCheck['differences'] {
  return report.differences.map((difference) => ({ table: difference.table, restoredRows: difference.rebuilt?.rows, liveRows: difference.live?.rows }));
}

function buildOptions(options: RestoredProjectionsCheckOptions, phase: DrillPhase) {
  return {
    db: options.db,
    batchSize: options.batchSize,
    signal: options.signal,
    onProgress: (progress: CopiesUpToProgress) => {
      const total = Number(lagBetween(START, progress.until));
      options.onProgress(phase, total - Number(progress.remaining), total);
    },
  };
}

/**
 * Compares with the live copy when it stands exactly at the backup's last event, before and after
 * reading it (a checkpoint only moves forward, so its rows did not change in between); `undefined`
 * when it stands elsewhere, is another version, or a rebuild of it is under way.
 */
async function compareWithLiveCopy(options: RestoredProjectionsCheckOptions, projection: ProjectionDefinition): Promise<VerifyReport | undefined> {
  const { db, live } = options;
  const liveSchema = options.liveSchemaOf(projection.name);
  const through = formatPosition(options.liveThrough);
  const standsThere = async () => {
    const health = await projectionHealth(db, live, projection, liveSchema);
    return (health.state === 'caught-up' || health.state === 'behind') && health.checkpoint === through;
  };
  if (!(await standsThere())) return undefined;
  const report = await compareCopies(db, projection.name, liveSchema, options.schemas.restoredCopy(projection.name), options.liveThrough);
  return (await standsThere()) ? report : undefined;
}
