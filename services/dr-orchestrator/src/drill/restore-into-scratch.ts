import { restoreArchive, type BackupStore, type RestoreReport } from '@frm/event-archive';
import { openPostgresEventImport, openPostgresEventStore, type EventStore } from '@frm/event-store';
import { makeSchemaUnlogged, type SqlDatabase } from '@frm/postgres';
import type { DrillPhase } from './drill-options';

export interface ScratchRestoreOptions {
  readonly db: SqlDatabase;
  readonly backups: BackupStore;
  /** A schema that does not exist yet. */
  readonly schema: string;
  readonly snapshot?: string;
  readonly until?: string;
  readonly batchSize: number;
  readonly signal: AbortSignal;
  /** Told of each phase as it begins and of its progress. */
  readonly onProgress: (phase: DrillPhase, done: number, total: number) => void;
}

/**
 * Restores the backups (the newest snapshot and the segments after it, unless told otherwise) into
 * a new Postgres event store in `schema`, its tables unlogged: every file's checksum is verified before
 * anything is written.
 * @returns the restore's report and the restored store (raw: the caller wraps and closes it)
 */
export async function restoreIntoScratch(options: ScratchRestoreOptions): Promise<{ report: RestoreReport; eventStore: EventStore }> {
  const { db, schema } = options;
  const target = await openPostgresEventImport(db, { schema });
  // Scratch, dropped after the drill: its rows need no WAL, its batches no flush at commit.
  await makeSchemaUnlogged(db, schema);
  const report = await restoreArchive({
    store: options.backups,
    target,
    snapshot: options.snapshot,
    until: options.until,
    batchSize: options.batchSize,
    signal: options.signal,
    onProgress: (progress) => options.onProgress(progress.phase === 'verify' ? 'verify-files' : 'restore', progress.done, progress.total),
  });
  return { report, eventStore: await openPostgresEventStore(db, { schema }) };
}
