import { TargetNotEmptyError, type EventImport, type ImportedEvent } from '@frm/event-store';
import type { BackupStore } from '../backup-store/backup-store.port';
import { CATALOGUE_FILE, readCatalogue } from '../catalogue/catalogue-file';
import { planRestore, type RestorePlanOptions } from '../catalogue/restore-plan';
import { CatalogueUnreadableError } from '../errors';
import { readArchiveFile } from './read-archive-file';
import { verifyArchiveFiles } from './verify-archive-files';

export interface RestoreProgress {
  /** Checking checksums (counted in bytes), then loading events (counted in events). */
  readonly phase: 'verify' | 'load';
  readonly done: number;
  readonly total: number;
}

export interface RestoreOptions extends RestorePlanOptions {
  readonly store: BackupStore;
  /** An empty event store to load into (e.g. `openPostgresEventImport(db, { schema })`). */
  readonly target: EventImport;
  /** Load into a store that holds events, adding only the events whose ids it lacks (to finish an interrupted restore). */
  readonly force?: boolean;
  /** Events per insert statement. */
  readonly batchSize?: number;
  readonly onProgress?: (progress: RestoreProgress) => void;
  /** Stops between batches; the events loaded stay (run again with `force` to finish). */
  readonly signal?: AbortSignal;
}

export interface RestoreReport {
  /** The files loaded, snapshot first. */
  readonly files: readonly string[];
  /** The archive position the restored store now ends at (the last file's `to`). */
  readonly through: string;
  readonly eventsInArchive: number;
  readonly eventsRestored: number;
  /** Events the target already held (only with `force`). */
  readonly eventsSkipped: number;
  /**
   * The newest record time among the restored events (`undefined` for an empty archive). Data lost
   * = the live store's newest recordedAt − this.
   */
  readonly newestRecordedAt: Date | undefined;
  readonly durationMs: number;
  /** Events loaded per second, checksum verification included. */
  readonly eventsPerSecond: number;
}

/**
 * Restores an event store from an archive: verifies the checksum of every file it needs first (a
 * damaged file stops it before anything is written, naming the file), then loads the newest (or the
 * chosen) snapshot and every segment after it, in order, keeping event ids, streams, revisions,
 * types, data, metadata and record times.
 * @throws BackupFileCorruptError, BackupFileMissingError, TargetNotEmptyError — all before writing
 */
export async function restoreArchive(options: RestoreOptions): Promise<RestoreReport> {
  const started = performance.now();
  const { store, target } = options;
  const catalogue = await readCatalogue(store);
  if (!catalogue) {
    throw new CatalogueUnreadableError(`${store.description} has no ${CATALOGUE_FILE}: it holds no event archive; check the location, or copy the catalogue back`);
  }
  const plan = planRestore(catalogue, options);
  if (!options.force && (await target.hasEvents())) throw new TargetNotEmptyError(target.description);

  const totalBytes = plan.files.reduce((sum, file) => sum + file.sizeBytes, 0);
  let verifiedBytes = 0;
  options.onProgress?.({ phase: 'verify', done: 0, total: totalBytes });
  await verifyArchiveFiles(store, catalogue, plan.files, {
    signal: options.signal,
    onBytes: (bytes) => options.onProgress?.({ phase: 'verify', done: (verifiedBytes += bytes), total: totalBytes }),
  });

  const eventsInArchive = plan.files.reduce((sum, file) => sum + file.eventCount, 0);
  let newest: Date | undefined;
  const events = (async function* (): AsyncGenerator<ImportedEvent> {
    for (const file of plan.files) {
      for await (const event of readArchiveFile(store, file)) {
        if (!newest || event.recordedAt > newest) newest = event.recordedAt;
        yield event;
      }
    }
  })();
  options.onProgress?.({ phase: 'load', done: 0, total: eventsInArchive });
  const result = await target.importEvents(events, {
    force: options.force,
    batchSize: options.batchSize,
    signal: options.signal,
    onProgress: ({ done }) => options.onProgress?.({ phase: 'load', done, total: eventsInArchive }),
  });
  const durationMs = performance.now() - started;
  return {
    files: plan.files.map((file) => file.name),
    through: plan.files[plan.files.length - 1]?.to ?? plan.snapshot.to,
    eventsInArchive,
    eventsRestored: result.imported,
    eventsSkipped: result.skipped,
    newestRecordedAt: newest,
    durationMs,
    eventsPerSecond: durationMs > 0 ? Math.round((eventsInArchive / durationMs) * 1000) : 0,
  };
}
