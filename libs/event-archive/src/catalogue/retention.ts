import { comparePositions, parsePosition } from '@frm/event-store';
import type { Catalogue, CatalogueEntry } from './catalogue';

export const DEFAULT_KEEP_SNAPSHOTS = 4;

export interface RetentionChoice {
  /** The catalogue without the dropped files. */
  readonly catalogue: Catalogue;
  readonly dropped: readonly CatalogueEntry[];
}

/**
 * Keeps the newest `keepSnapshots` snapshots and every segment after the oldest of them, so each
 * kept snapshot can still be rolled forward to the end of the chain; older files are dropped.
 */
export function chooseRetained(catalogue: Catalogue, keepSnapshots: number): RetentionChoice {
  if (!Number.isSafeInteger(keepSnapshots) || keepSnapshots < 1) {
    throw new RangeError(`keepSnapshots must be a whole number of at least 1, got ${keepSnapshots}`);
  }
  if (catalogue.snapshots.length <= keepSnapshots) return { catalogue, dropped: [] };
  const snapshots = catalogue.snapshots.slice(-keepSnapshots);
  const oldestKept = parsePosition((snapshots[0] as CatalogueEntry).to);
  const before = (entry: CatalogueEntry) => comparePositions(parsePosition(entry.to), oldestKept) <= 0;
  const droppedSegments = catalogue.segments.filter(before);
  return {
    catalogue: { ...catalogue, snapshots, segments: catalogue.segments.filter((segment) => !before(segment)) },
    dropped: [...catalogue.snapshots.slice(0, -keepSnapshots), ...droppedSegments],
  };
}
