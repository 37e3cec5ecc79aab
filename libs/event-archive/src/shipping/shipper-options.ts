import { tmpdir } from 'node:os';
import type { EventStore } from '@frm/event-store';
import type { BackupStore } from '../backup-store/backup-store.port';
import type { CatalogueEntry } from '../catalogue/catalogue';
import { DEFAULT_KEEP_SNAPSHOTS } from '../catalogue/retention';
import type { ArchiveLogger } from './archive-logger';

/** The recovery point promise: at most this much acknowledged data may be lost. */
export const RECOVERY_POINT_OBJECTIVE_MS = 30_000;
export const DEFAULT_SEGMENT_INTERVAL_MS = 10_000;
export const DEFAULT_SNAPSHOT_INTERVAL_MS = 15 * 60_000;
const DEFAULT_PAGE_SIZE = 2_000;

export interface ArchiveShipperOptions {
  readonly eventStore: EventStore;
  readonly backupStore: BackupStore;
  /** How often a segment is shipped (default 10 s); at most 30 s, the recovery point promise. */
  readonly segmentIntervalMs?: number;
  /** How often a snapshot is taken (default 15 min). */
  readonly snapshotIntervalMs?: number;
  /** Snapshots kept, with the segments after the oldest of them (default 4). */
  readonly keepSnapshots?: number;
  /** Local directory for a file's body while it is written (default the system's temporary directory). */
  readonly spoolDir?: string;
  /** Events per read from the store (default 2000). */
  readonly pageSize?: number;
  readonly logger?: ArchiveLogger;
  /** Called once the catalogue lists a new file. */
  readonly onShipped?: (entry: CatalogueEntry) => void;
  /** Called after each page of events written to a file (a snapshot of a large store takes a while). */
  readonly onWriteProgress?: (progress: WriteProgress) => void;
  /** The clock (tests). */
  readonly now?: () => Date;
}

export interface WriteProgress {
  readonly file: string;
  /** Events written to the file so far. */
  readonly done: number;
  /** Events the file will hold, as far as the store can tell beforehand (`lagBetween` its range; at least `done`). */
  readonly total: number;
}

type Callbacks = 'logger' | 'onShipped' | 'onWriteProgress';
export type ResolvedShipperOptions = Required<Omit<ArchiveShipperOptions, Callbacks>> & Pick<ArchiveShipperOptions, Callbacks>;

/** @throws RangeError naming the setting that cannot keep the promise or cannot work */
export function resolveShipperOptions(options: ArchiveShipperOptions): ResolvedShipperOptions {
  const resolved: ResolvedShipperOptions = {
    ...options,
    segmentIntervalMs: options.segmentIntervalMs ?? DEFAULT_SEGMENT_INTERVAL_MS,
    snapshotIntervalMs: options.snapshotIntervalMs ?? DEFAULT_SNAPSHOT_INTERVAL_MS,
    keepSnapshots: options.keepSnapshots ?? DEFAULT_KEEP_SNAPSHOTS,
    spoolDir: options.spoolDir ?? tmpdir(),
    pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE,
    now: options.now ?? (() => new Date()),
  };
  const { segmentIntervalMs, snapshotIntervalMs, keepSnapshots, pageSize } = resolved;
  if (!(segmentIntervalMs > 0 && segmentIntervalMs <= RECOVERY_POINT_OBJECTIVE_MS)) {
    throw new RangeError(
      `segmentIntervalMs is ${segmentIntervalMs}; it must be above 0 and at most ${RECOVERY_POINT_OBJECTIVE_MS} ms, ` +
        `or a restore could lose more than the promised 30 s of data`,
    );
  }
  if (!(snapshotIntervalMs >= segmentIntervalMs)) {
    throw new RangeError(`snapshotIntervalMs is ${snapshotIntervalMs}; make it at least segmentIntervalMs (${segmentIntervalMs}), e.g. the default 15 min`);
  }
  if (!Number.isSafeInteger(keepSnapshots) || keepSnapshots < 1) throw new RangeError(`keepSnapshots is ${keepSnapshots}; keep at least 1 snapshot`);
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) throw new RangeError(`pageSize is ${pageSize}; it must be a whole number of at least 1`);
  return resolved;
}
