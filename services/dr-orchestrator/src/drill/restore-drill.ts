import { DEFAULT_LEDGER_SCHEMA } from '@frm/compliance';
import { RECOVERY_POINT_OBJECTIVE_MS } from '@frm/event-archive';
import { parsePosition, START, type EventStore } from '@frm/event-store';
import { defaultProjectionSchemaName } from '@frm/projections';
import { RestoreDrillCancelledError, RestoreDrillFailedError } from './drill-errors';
import type { DrillPhase, DrillProgress, RestoreDrillOptions } from './drill-options';
import { recoveryPointSeconds, RECOVERY_TIME_OBJECTIVE_SECONDS, type DrillReport } from './drill-report';
import { DrillSchemas } from './drill-schemas';
import { dropDrillSchemas } from './drop-drill-schemas';
import { newestRecordedAt } from './newest-recorded-at';
import { PhaseClock } from './phase-clock';
import { checkRestoredProjections } from './restored-projections-check';
import { restoreIntoScratch } from './restore-into-scratch';
import { reapplyLedgerToRestoredStore } from './scratch-erasure-ledger';

const DEFAULT_BATCH_SIZE = 1_000;

type DrillOutcome = Omit<DrillReport, 'phases' | 'leftBehind'>;

/** What the drill holds open and must close whatever happens. */
interface DrillResources {
  restoredStore?: EventStore;
}

/**
 * The restore drill: restores the newest snapshot and the segments after it into scratch schemas of
 * the live database, re-applies compliance's erasure ledger, rebuilds every projection from the
 * restored events (one read for all) and verifies each against the live system as it was at the last
 * restored event (see checkRestoredProjections),
 * measures RPO (newest live event − newest restored event) and RTO (start → verified), then drops
 * every scratch schema, also when it fails or is cancelled. The live event store, read models, key
 * table, ledger and audit log are only read.
 * @returns the report, also when a projection differs (`verified: false`)
 * @throws RestoreDrillFailedError naming the phase and the cause (e.g. the damaged backup file)
 * @throws RestoreDrillCancelledError when `signal` fired
 */
export async function runRestoreDrill(options: RestoreDrillOptions): Promise<DrillReport> {
  const startedAt = (options.now ?? (() => new Date()))();
  const schemas = DrillSchemas.forDrillStartedAt(startedAt);
  const clock = new PhaseClock();
  const signal = options.signal ?? new AbortController().signal;
  const resources: DrillResources = {};
  const logger = options.logger;
  logger.info({ drillId: schemas.id }, `Restore drill ${schemas.id} started`);

  let outcome: DrillOutcome | undefined;
  let failure: { error: unknown; phase: DrillPhase | undefined } | undefined;
  try {
    outcome = await drill(options, { startedAt, schemas, clock, signal, resources });
  } catch (error) {
    failure = { error, phase: clock.current };
  }
  await resources.restoredStore?.close().catch(() => undefined);
  clock.enter('cleanup');
  const leftBehind = await dropDrillSchemas(options.db, schemas, logger, (done, total) => reportProgress(options, { phase: 'cleanup', done, total }));
  clock.stop();

  if (failure) {
    logger.warn({ drillId: schemas.id, phase: failure.phase, err: failure.error, leftBehind }, `Restore drill ${schemas.id} did not finish`);
    if (signal.aborted) throw new RestoreDrillCancelledError(schemas.id, failure.phase, leftBehind);
    throw new RestoreDrillFailedError(schemas.id, failure.phase, failure.error, leftBehind);
  }
  const report: DrillReport = { ...(outcome as DrillOutcome), phases: clock.totals(), leftBehind };
  logger.info(
    { drillId: schemas.id, verified: report.verified, rpoSeconds: report.rpoSeconds, rtoSeconds: report.rtoSeconds, phases: report.phases },
    `Restore drill ${schemas.id} ${report.verified ? 'verified every projection' : 'found projections that differ'}`,
  );
  return report;
}

interface DrillContext {
  readonly startedAt: Date;
  readonly schemas: DrillSchemas;
  readonly clock: PhaseClock;
  readonly signal: AbortSignal;
  readonly resources: DrillResources;
}

async function drill(options: RestoreDrillOptions, context: DrillContext): Promise<DrillOutcome> {
  const { db } = options;
  const { schemas, clock, signal } = context;
  const started = performance.now();
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const progress = (update: DrillProgress) => reportProgress(options, update);

  // Read before restoring: the backups are compared with the live store as it stood when the drill began.
  const liveNewestRecordedAt = await newestRecordedAt(options.liveEventStore);
  signal.throwIfAborted();

  clock.enter('verify-files');
  const { report: restore, eventStore: restoredRaw } = await restoreIntoScratch({
    db,
    backups: options.backups,
    schema: schemas.events,
    snapshot: options.snapshot,
    until: options.until,
    batchSize,
    signal,
    onProgress: (phase, done, total) => {
      if (clock.current !== phase) clock.enter(phase);
      progress({ phase, done, total });
    },
  });
  context.resources.restoredStore = restoredRaw;
  const restored = options.wrapEventStore(restoredRaw);
  const restoredThrough = (await restoredRaw.headPosition()) ?? START;
  signal.throwIfAborted();

  clock.enter('ledger');
  const ledger = await reapplyLedgerToRestoredStore({
    db,
    liveLedgerSchema: options.ledgerSchema ?? DEFAULT_LEDGER_SCHEMA,
    schemas,
    restored,
    logger: options.logger,
    onProgress: (done, total) => progress({ phase: 'ledger', done, total }),
  });
  const restoredHead = (await restoredRaw.headPosition()) ?? START;
  signal.throwIfAborted();

  const { projections, events } = await checkRestoredProjections({
    db,
    projections: options.projections,
    liveSchemaOf: options.liveSchemaOf ?? defaultProjectionSchemaName,
    schemas,
    restored,
    live: options.liveEventStore,
    restoredThrough,
    liveThrough: parsePosition(restore.through),
    restoredHead,
    compareWithLiveCopies: options.compareWithLiveCopies ?? true,
    verifyWith: options.verifyWith ?? 'live-events',
    batchSize,
    signal,
    clock,
    onProgress: (phase, done, total, projection) => progress({ phase, ...(projection ? { projection } : {}), done, total }),
  });
  const rtoSeconds = (performance.now() - started) / 1000;
  const rpoSeconds = recoveryPointSeconds(liveNewestRecordedAt, restore.newestRecordedAt);
  const targets = { rpoSeconds: RECOVERY_POINT_OBJECTIVE_MS / 1000, rtoSeconds: RECOVERY_TIME_OBJECTIVE_SECONDS };
  return {
    drillId: schemas.id,
    startedAt: context.startedAt,
    restored: { files: restore.files, events: restore.eventsRestored, through: restore.through, newestRecordedAt: restore.newestRecordedAt },
    liveNewestRecordedAt,
    rpoSeconds,
    rtoSeconds,
    targets,
    withinTargets: { rpo: rpoSeconds !== null && rpoSeconds <= targets.rpoSeconds, rto: rtoSeconds <= targets.rtoSeconds },
    ledger,
    projections,
    events,
    verified: projections.every((check) => check.matches) && events?.matches !== false,
  };
}

function reportProgress(options: RestoreDrillOptions, progress: DrillProgress): void {
  try {
    options.onProgress?.(progress);
  } catch {
    // A failing progress display must not fail the drill.
  }
}
