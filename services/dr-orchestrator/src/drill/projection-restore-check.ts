import { comparePositions, formatPosition, lagBetween, START, type EventStore, type Position } from '@frm/event-store';
import type { SqlDatabase } from '@frm/postgres';
import { buildCopyUpTo, compareCopies, projectionHealth, type CopyUpToProgress, type ProjectionDefinition, type VerifyReport } from '@frm/projections';
import type { DrillPhase } from './drill-options';
import type { ProjectionCheck } from './drill-report';
import type { DrillSchemas } from './drill-schemas';
import type { PhaseClock } from './phase-clock';

export interface ProjectionRestoreCheckOptions {
  readonly db: SqlDatabase;
  readonly projection: ProjectionDefinition;
  readonly liveSchema: string;
  readonly schemas: DrillSchemas;
  readonly restored: EventStore;
  readonly live: EventStore;
  /** The restored store's position of the last restored event. */
  readonly restoredThrough: Position;
  /** The live store's position of that same event. */
  readonly liveThrough: Position;
  /** The restored store's head: past `restoredThrough` when the ledger appended erasures. */
  readonly restoredHead: Position;
  readonly compareWithLiveCopy: boolean;
  readonly batchSize: number;
  readonly signal: AbortSignal;
  readonly clock: PhaseClock;
  readonly onProgress: (phase: DrillPhase, done: number, total: number) => void;
}

/**
 * Rebuilds one projection from the restored events up to the last restored event and compares it
 * with the live system as it was at that same event: the live copy when it stands exactly there,
 * else a reference copy built from the live events up to it (the live read model is only read).
 * Then applies what the ledger appended, proving the restored copy takes it.
 */
export async function checkRestoredProjection(options: ProjectionRestoreCheckOptions): Promise<ProjectionCheck> {
  const started = performance.now();
  const { projection, schemas, clock } = options;
  const restoredSchema = schemas.restoredCopy(projection.name);
  clock.enter('rebuild');
  const restoredCopy = await buildCopyUpTo({
    ...buildOptions(options, 'rebuild'),
    eventStore: options.restored,
    schema: restoredSchema,
    until: options.restoredThrough,
  });

  let liveCopyMatches: boolean | undefined;
  let verification: VerifyReport | undefined;
  if (options.compareWithLiveCopy) {
    clock.enter('compare');
    verification = await compareWithLiveCopy(options, restoredSchema);
    liveCopyMatches = verification?.matches;
  }
  const comparedWith = verification?.matches ? 'live-copy' : 'reference-copy';
  if (!verification?.matches) {
    clock.enter('reference');
    const referenceSchema = schemas.referenceCopy(projection.name);
    await buildCopyUpTo({ ...buildOptions(options, 'reference'), eventStore: options.live, schema: referenceSchema, until: options.liveThrough });
    clock.enter('compare');
    verification = await compareCopies(options.db, projection.name, referenceSchema, restoredSchema, options.liveThrough);
  }

  let ledgerEventsApplied = 0;
  if (comparePositions(options.restoredHead, options.restoredThrough) > 0) {
    clock.enter('ledger');
    const caughtUp = await buildCopyUpTo({ ...buildOptions(options, 'ledger'), eventStore: options.restored, schema: restoredSchema, until: options.restoredHead, resume: true });
    ledgerEventsApplied = caughtUp.eventsApplied;
  }
  return {
    name: projection.name,
    liveSchema: options.liveSchema,
    matches: verification.matches,
    comparedWith,
    liveCopyMatches,
    differences: verification.differences.map((difference) => ({ table: difference.table, restoredRows: difference.rebuilt?.rows, liveRows: difference.live?.rows })),
    restoredEvents: restoredCopy.eventsApplied,
    ledgerEventsApplied,
    durationMs: Math.round(performance.now() - started),
  };
}

function buildOptions(options: ProjectionRestoreCheckOptions, phase: DrillPhase) {
  return {
    projection: options.projection,
    db: options.db,
    batchSize: options.batchSize,
    signal: options.signal,
    onProgress: (progress: CopyUpToProgress) => {
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
async function compareWithLiveCopy(options: ProjectionRestoreCheckOptions, restoredSchema: string): Promise<VerifyReport | undefined> {
  const { db, live, projection, liveSchema } = options;
  const through = formatPosition(options.liveThrough);
  const standsThere = async () => {
    const health = await projectionHealth(db, live, projection, liveSchema);
    return (health.state === 'caught-up' || health.state === 'behind') && health.checkpoint === through;
  };
  if (!(await standsThere())) return undefined;
  const report = await compareCopies(db, projection.name, liveSchema, restoredSchema, options.liveThrough);
  return (await standsThere()) ? report : undefined;
}
