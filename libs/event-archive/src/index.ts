export type { BackupStore, PutOptions } from './backup-store/backup-store.port';
export { LocalDirectoryBackupStore } from './backup-store/local-directory-backup-store';

export { archiveFileName, parseArchiveFileName, type ArchiveFileKind } from './archive-format/archive-file-name';
export {
  ARCHIVE_FORMAT,
  ARCHIVE_FORMAT_VERSION,
  decodeArchiveFileHeader,
  encodeArchiveFileHeader,
  type ArchiveFileHeader,
} from './archive-format/archive-file-header';
export { decodeArchivedEvent, encodeArchivedEvent, type ArchivedEventLine } from './archive-format/archived-event';

export { emptyCatalogue, type ArchivedEventRef, type Catalogue, type CatalogueEntry } from './catalogue/catalogue';
export { CATALOGUE_FILE, readCatalogue } from './catalogue/catalogue-file';
export { addSegment, addSnapshot, assertCatalogueChains, chainEnd, chainPoints } from './catalogue/chain-rules';
export { chooseRetained, DEFAULT_KEEP_SNAPSHOTS, type RetentionChoice } from './catalogue/retention';
export { planRestore, type RestorePlan, type RestorePlanOptions } from './catalogue/restore-plan';

export { ArchiveShipper, type ShipOnceResult } from './shipping/archive-shipper';
export {
  DEFAULT_SEGMENT_INTERVAL_MS,
  DEFAULT_SNAPSHOT_INTERVAL_MS,
  RECOVERY_POINT_OBJECTIVE_MS,
  type ArchiveShipperOptions,
  type WriteProgress,
} from './shipping/shipper-options';
export type { ArchiveLogger } from './shipping/archive-logger';

export { restoreArchive, type RestoreOptions, type RestoreProgress, type RestoreReport } from './restore/restore-archive';
export { readArchiveFile } from './restore/read-archive-file';

export { archiveAges, type ArchiveAges } from './metrics/archive-ages';
export { readArchiveAges, registerArchiveMetrics } from './metrics/archive-metrics';

export {
  ArchiveChainError,
  ArchiveDoesNotMatchStoreError,
  ArchiveFormatError,
  BackupFileCorruptError,
  BackupFileMissingError,
  CatalogueUnreadableError,
  ConcurrentShipperError,
} from './errors';
