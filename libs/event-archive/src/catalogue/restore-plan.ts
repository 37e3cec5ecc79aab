import { ArchiveChainError } from '../errors';
import type { Catalogue, CatalogueEntry } from './catalogue';

export interface RestorePlanOptions {
  /** Name of the snapshot to start from; the newest by default. */
  snapshot?: string;
  /** Name of the last file to load (to leave out a damaged segment and what follows it); the chain's end by default. */
  until?: string;
}

export interface RestorePlan {
  readonly snapshot: CatalogueEntry;
  /** The segments to load after the snapshot, in chain order. */
  readonly segments: readonly CatalogueEntry[];
  /** Snapshot first, then the segments. */
  readonly files: readonly CatalogueEntry[];
}

/**
 * Which files rebuild the store: a snapshot, then every segment from the snapshot's point on.
 * @throws ArchiveChainError when the archive has no snapshot, or a named file is not in it
 */
export function planRestore(catalogue: Catalogue, options: RestorePlanOptions = {}): RestorePlan {
  const snapshot = chooseSnapshot(catalogue, options.snapshot);
  const start = catalogue.segments.findIndex((segment) => segment.from === snapshot.to);
  let segments = start < 0 ? [] : catalogue.segments.slice(start);
  if (start < 0 && catalogue.segments.length && catalogue.segments[catalogue.segments.length - 1]?.to !== snapshot.to) {
    throw new ArchiveChainError(`No segment continues the chain from snapshot ${snapshot.name}'s end ${snapshot.to}: the catalogue is damaged`);
  }
  if (options.until !== undefined && options.until !== snapshot.name) {
    const last = segments.findIndex((segment) => segment.name === options.until);
    if (last < 0) {
      throw new ArchiveChainError(
        `${options.until} is not a segment after snapshot ${snapshot.name}; name one of ${segments.map((s) => s.name).join(', ') || '(none: the snapshot is the newest file)'}`,
      );
    }
    segments = segments.slice(0, last + 1);
  } else if (options.until === snapshot.name) {
    segments = [];
  }
  return { snapshot, segments, files: [snapshot, ...segments] };
}

function chooseSnapshot(catalogue: Catalogue, name: string | undefined): CatalogueEntry {
  if (name === undefined) {
    const newest = catalogue.snapshots[catalogue.snapshots.length - 1];
    if (!newest) throw new ArchiveChainError('The archive holds no snapshot yet, so there is nothing to restore; let the shipper take one first');
    return newest;
  }
  const chosen = catalogue.snapshots.find((snapshot) => snapshot.name === name);
  if (!chosen) {
    throw new ArchiveChainError(`${name} is not a snapshot of this archive; the snapshots are ${catalogue.snapshots.map((s) => s.name).join(', ') || '(none)'}`);
  }
  return chosen;
}

/** The snapshot before `name` (for a message suggesting it), if there is one. */
export function olderSnapshotThan(catalogue: Catalogue, name: string): CatalogueEntry | undefined {
  const index = catalogue.snapshots.findIndex((snapshot) => snapshot.name === name);
  return index > 0 ? catalogue.snapshots[index - 1] : undefined;
}
