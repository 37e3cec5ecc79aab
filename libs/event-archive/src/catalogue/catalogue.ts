import type { ArchiveFileKind } from '../archive-format/archive-file-name';

export const CATALOGUE_FORMAT = 'frm-event-archive-catalogue';
export const CATALOGUE_FORMAT_VERSION = 1;

/** An archived event, named well enough to find it again in the store it came from. */
export interface ArchivedEventRef {
  id: string;
  streamId: string;
  revision: string;
  position: string;
}

/** One archive file as the catalogue records it. Positions as `formatPosition` writes them; times ISO 8601. */
export interface CatalogueEntry {
  name: string;
  kind: ArchiveFileKind;
  sequence: number;
  /** Exclusive. */
  from: string;
  /** Inclusive. */
  to: string;
  eventCount: number;
  /** Of the file's bytes as stored (compressed), lowercase hex. */
  sha256: string;
  sizeBytes: number;
  /** When the head `to` was read. */
  createdAt: string;
  firstRecordedAt: string | null;
  lastRecordedAt: string | null;
  /** The file's last event; `null` when it holds none. */
  lastEvent: ArchivedEventRef | null;
}

/**
 * What the archive holds, kept as `catalogue.json` beside the files. Segments form one gap-free
 * chain (each starts where the one before ended); each snapshot holds everything from the start of
 * the store up to a point of that chain, so a restore is a snapshot plus the segments after its point.
 */
export interface Catalogue {
  format: typeof CATALOGUE_FORMAT;
  formatVersion: typeof CATALOGUE_FORMAT_VERSION;
  /** Goes up by one at every write: a shipper that finds another number than it wrote is not alone. */
  revision: number;
  /** Sequence number of the next file. */
  nextSequence: number;
  /** Every event committed before this time is archived: when the shipper last read a head it then reached. */
  caughtUpAt: string | null;
  updatedAt: string | null;
  /** Oldest first. */
  snapshots: CatalogueEntry[];
  /** In chain order. */
  segments: CatalogueEntry[];
}

export function emptyCatalogue(): Catalogue {
  return {
    format: CATALOGUE_FORMAT,
    formatVersion: CATALOGUE_FORMAT_VERSION,
    revision: 0,
    nextSequence: 1,
    caughtUpAt: null,
    updatedAt: null,
    snapshots: [],
    segments: [],
  };
}

export function catalogueEntries(catalogue: Catalogue): CatalogueEntry[] {
  return [...catalogue.snapshots, ...catalogue.segments];
}
