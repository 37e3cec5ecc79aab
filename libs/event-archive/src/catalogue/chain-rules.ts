import { comparePositions, formatPosition, parsePosition, START } from '@frm/event-store';
import { ArchiveChainError } from '../errors';
import type { Catalogue, CatalogueEntry } from './catalogue';

const START_TEXT = formatPosition(START);

function compare(a: string, b: string): -1 | 0 | 1 {
  return comparePositions(parsePosition(a), parsePosition(b));
}

/** Where the next segment must start: the end of the last segment, or of the snapshots when there is none yet. */
export function chainEnd(catalogue: Catalogue): string | undefined {
  const lastSegment = catalogue.segments[catalogue.segments.length - 1];
  if (lastSegment) return lastSegment.to;
  return catalogue.snapshots[catalogue.snapshots.length - 1]?.to;
}

/** The positions a snapshot may be taken at: the start of the segment chain and the end of each segment. */
export function chainPoints(catalogue: Catalogue): string[] {
  const [first] = catalogue.segments;
  if (!first) return catalogue.snapshots.slice(-1).map((snapshot) => snapshot.to);
  return [first.from, ...catalogue.segments.map((segment) => segment.to)];
}

/**
 * The catalogue with `segment` at the end of the chain.
 * @throws ArchiveChainError when it does not start exactly where the chain ends, or holds no event range
 */
export function addSegment(catalogue: Catalogue, segment: CatalogueEntry): Catalogue {
  assertNewFile(catalogue, segment, 'segment');
  const end = chainEnd(catalogue);
  if (end === undefined) {
    throw new ArchiveChainError(`Segment ${segment.name} cannot start the archive: an archive starts with a snapshot (take one first)`);
  }
  if (segment.from !== end) {
    throw new ArchiveChainError(
      `Segment ${segment.name} starts after ${segment.from} but the archive ends at ${end}: ` +
        `${compare(segment.from, end) > 0 ? 'the events in between would be missing' : 'it would repeat events'}; ` +
        `ship segments from the catalogue's end`,
    );
  }
  if (compare(segment.to, segment.from) <= 0) {
    throw new ArchiveChainError(`Segment ${segment.name} ends at ${segment.to}, not after its start ${segment.from}; an empty range is not shipped`);
  }
  return { ...catalogue, segments: [...catalogue.segments, segment] };
}

/**
 * The catalogue with `snapshot` among its snapshots.
 * @throws ArchiveChainError when it does not start at the start of the store, or ends at no point of the chain
 */
export function addSnapshot(catalogue: Catalogue, snapshot: CatalogueEntry): Catalogue {
  assertNewFile(catalogue, snapshot, 'snapshot');
  if (snapshot.from !== START_TEXT) {
    throw new ArchiveChainError(`Snapshot ${snapshot.name} starts after ${snapshot.from}; a snapshot holds every event from the start (${START_TEXT})`);
  }
  const points = chainPoints(catalogue);
  if (points.length && !points.includes(snapshot.to)) {
    throw new ArchiveChainError(
      `Snapshot ${snapshot.name} ends at ${snapshot.to}, which is not where a segment of the archive ends; ` +
        `take a snapshot at the chain's end (${chainEnd(catalogue)}) so the segments after it continue it`,
    );
  }
  const snapshots = [...catalogue.snapshots, snapshot].sort((a, b) => compare(a.to, b.to) || a.sequence - b.sequence);
  return { ...catalogue, snapshots };
}

/**
 * Checks a whole catalogue (as read back) against the same rules.
 * @throws ArchiveChainError naming the first file that breaks them
 */
export function assertCatalogueChains(catalogue: Catalogue): void {
  if (catalogue.segments.length && !catalogue.snapshots.length) {
    throw new ArchiveChainError(`The catalogue lists segments but no snapshot: there is nothing to restore them onto`);
  }
  const names = new Set<string>();
  for (const entry of [...catalogue.snapshots, ...catalogue.segments]) {
    if (names.has(entry.name)) throw new ArchiveChainError(`The catalogue lists ${entry.name} twice`);
    names.add(entry.name);
  }
  let previous: CatalogueEntry | undefined;
  for (const segment of catalogue.segments) {
    if (previous && segment.from !== previous.to) {
      throw new ArchiveChainError(`Segment ${segment.name} starts after ${segment.from} but ${previous.name} before it ends at ${previous.to}: the chain has a gap or an overlap`);
    }
    if (compare(segment.to, segment.from) <= 0) throw new ArchiveChainError(`Segment ${segment.name} ends at ${segment.to}, not after its start ${segment.from}`);
    previous = segment;
  }
  const points = chainPoints(catalogue);
  for (const snapshot of catalogue.snapshots) {
    if (snapshot.from !== START_TEXT) throw new ArchiveChainError(`Snapshot ${snapshot.name} starts after ${snapshot.from}, not at the start of the store`);
    if (!points.includes(snapshot.to)) {
      throw new ArchiveChainError(`Snapshot ${snapshot.name} ends at ${snapshot.to}, where no segment of the chain begins or ends`);
    }
  }
}

function assertNewFile(catalogue: Catalogue, entry: CatalogueEntry, kind: CatalogueEntry['kind']): void {
  if (entry.kind !== kind) throw new ArchiveChainError(`${entry.name} is a ${entry.kind}, not a ${kind}`);
  if ([...catalogue.snapshots, ...catalogue.segments].some((known) => known.name === entry.name || known.sequence === entry.sequence)) {
    throw new ArchiveChainError(`The catalogue already lists a file named ${entry.name} or numbered ${entry.sequence}`);
  }
}
