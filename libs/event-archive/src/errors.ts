/** A file would break the archive's chain (a gap, an overlap, or a snapshot at no chain point). */
export class ArchiveChainError extends Error {
  override readonly name = 'ArchiveChainError';
}

/** A backup file's bytes are not the ones the catalogue recorded. Nothing was restored. */
export class BackupFileCorruptError extends Error {
  override readonly name = 'BackupFileCorruptError';
  constructor(
    readonly file: string,
    readonly actual: { sha256: string; sizeBytes: number },
    readonly expected: { sha256: string; sizeBytes: number },
    readonly fix: string,
  ) {
    super(
      `Backup file ${file} is corrupt: SHA-256 ${actual.sha256} (${actual.sizeBytes} bytes) expected ` +
        `${expected.sha256} (${expected.sizeBytes} bytes); ${fix}`,
    );
  }
}

/** The catalogue lists a file the backup store does not have. */
export class BackupFileMissingError extends Error {
  override readonly name = 'BackupFileMissingError';
  constructor(
    readonly file: string,
    readonly store: string,
  ) {
    super(`Backup file ${file} is missing from ${store}; copy it back from another copy of the backups, or restore from an older snapshot`);
  }
}

/** A file's content does not follow the archive format (the writer or the copy went wrong). */
export class ArchiveFormatError extends Error {
  override readonly name = 'ArchiveFormatError';
}

/** The catalogue cannot be read: missing, not JSON, or another format. */
export class CatalogueUnreadableError extends Error {
  override readonly name = 'CatalogueUnreadableError';
}

/**
 * The event store is not the one the archive was taken from (it was restored or replaced): its
 * positions no longer match, so a segment would not continue the chain.
 */
export class ArchiveDoesNotMatchStoreError extends Error {
  override readonly name = 'ArchiveDoesNotMatchStoreError';
}

/** Another shipper changed the catalogue since this one read it: two shippers write to one archive. */
export class ConcurrentShipperError extends Error {
  override readonly name = 'ConcurrentShipperError';
}
