import { restoreArchive, type BackupStore, type RestoreReport } from '@frm/event-archive';
import { openPostgresEventImport, openPostgresEventStore, type EventImport, type EventStore } from '@frm/event-store';
import { makeSchemaUnlogged, type SqlDatabase } from '@frm/postgres';
import type { DrillPhase } from './drill-options';

export interface ScratchRestoreOptions {
  readonly backups: BackupStore;
  readonly snapshot?: string;
  readonly until?: string;
  readonly batchSize: number;
  readonly signal: AbortSignal;
  /** Told of each phase as it begins and of its progress. */
  readonly onProgress: (phase: DrillPhase, done: number, total: number) => void;
}

/** A new, empty Postgres event store in a scratch schema: the import that fills it, and the store that reads it. */
export interface ScratchStore {
  /** Raw: the caller wraps and closes it. It can be read while the restore fills it. */
  readonly eventStore: EventStore;
  /**
   * Restores the backups (the newest snapshot and the segments after it, unless told otherwise) into
   * the store: every file's checksum is verified before anything is written.
   */
  restore(options: ScratchRestoreOptions): Promise<RestoreReport>;
}

/** Creates the scratch store in `schema` (which must not exist yet), its tables unlogged. */
export async function openScratchStore(db: SqlDatabase, schema: string): Promise<ScratchStore> {
  const target: EventImport = await openPostgresEventImport(db, { schema });
  // Scratch, dropped after the drill: its rows need no WAL, its batches no flush at commit.
  await makeSchemaUnlogged(db, schema);
  const eventStore = await openPostgresEventStore(db, { schema });
  return {
    eventStore,
    restore: (options) =>
      restoreArchive({
        store: options.backups,
        target,
        snapshot: options.snapshot,
        until: options.until,
        batchSize: options.batchSize,
        signal: options.signal,
        onProgress: (progress) => options.onProgress(progress.phase === 'verify' ? 'verify-files' : 'restore', progress.done, progress.total),
      }),
  };
}
