import { hashOf } from '../archive-format/checksums';
import type { BackupStore } from '../backup-store/backup-store.port';
import type { Catalogue, CatalogueEntry } from '../catalogue/catalogue';
import { olderSnapshotThan } from '../catalogue/restore-plan';
import { BackupFileCorruptError } from '../errors';

/**
 * Reads every file through and compares its SHA-256 and size with the catalogue's, before a restore
 * writes anything.
 * @throws BackupFileCorruptError naming the first file that differs, and what to restore instead
 * @throws BackupFileMissingError when a listed file is not in the store
 */
export async function verifyArchiveFiles(
  store: BackupStore,
  catalogue: Catalogue,
  files: readonly CatalogueEntry[],
  options: { onBytes?: (bytes: number) => void; signal?: AbortSignal } = {},
): Promise<void> {
  for (const [index, file] of files.entries()) {
    options.signal?.throwIfAborted();
    const actual = await hashOf(await store.get(file.name), options.onBytes);
    if (actual.sha256 !== file.sha256 || actual.sizeBytes !== file.sizeBytes) {
      throw new BackupFileCorruptError(file.name, actual, file, whatToDoInstead(catalogue, files, index));
    }
  }
}

function whatToDoInstead(catalogue: Catalogue, files: readonly CatalogueEntry[], index: number): string {
  const file = files[index] as CatalogueEntry;
  const copyBack = 'or copy the file back from another copy of the backups';
  if (file.kind === 'snapshot') {
    const older = olderSnapshotThan(catalogue, file.name);
    return older ? `restore from an older snapshot with --snapshot ${older.name}, ${copyBack}` : `no older snapshot is kept: copy the file back from another copy of the backups`;
  }
  const previous = files[index - 1] as CatalogueEntry;
  return (
    `an older snapshot does not help, as it needs this segment too: restore up to the file before it with --until ${previous.name} ` +
    `(losing the events after ${file.from}), ${copyBack}`
  );
}
