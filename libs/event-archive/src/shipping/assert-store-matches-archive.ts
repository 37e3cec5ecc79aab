import { comparePositions, formatPosition, parsePosition, type EventStore } from '@frm/event-store';
import type { ArchivedEventRef, Catalogue } from '../catalogue/catalogue';
import { ArchiveDoesNotMatchStoreError } from '../errors';

/** The newest event the archive holds, if any. */
export function newestArchivedEvent(catalogue: Catalogue): ArchivedEventRef | undefined {
  let newest: ArchivedEventRef | undefined;
  for (const entry of [...catalogue.snapshots, ...catalogue.segments]) {
    const candidate = entry.lastEvent;
    if (candidate && (!newest || comparePositions(parsePosition(candidate.position), parsePosition(newest.position)) > 0)) newest = candidate;
  }
  return newest;
}

/**
 * Checks that the store still holds the archive's newest event at the same position. A store that
 * was restored (positions are the new store's own) or replaced would otherwise get segments that
 * claim to continue a chain they do not belong to.
 * @throws ArchiveDoesNotMatchStoreError
 */
export async function assertStoreMatchesArchive(store: EventStore, catalogue: Catalogue, archive: string): Promise<void> {
  const newest = newestArchivedEvent(catalogue);
  if (!newest) return;
  const [found] = await store.readStream(newest.streamId, { fromRevision: BigInt(newest.revision), maxCount: 1 });
  if (found && found.id === newest.id && formatPosition(found.position) === newest.position) return;
  const seen = found ? `holds event ${found.id} at position ${formatPosition(found.position)} there` : 'holds no such event';
  throw new ArchiveDoesNotMatchStoreError(
    `The event store is not the one archived in ${archive}: the archive's newest event ${newest.id} ` +
      `(${newest.streamId} revision ${newest.revision}, position ${newest.position}) is not where it was: the store ${seen}. ` +
      `The store was restored or replaced, so its positions start afresh; ship to a new, empty backup location ` +
      `(a new chain starts with a snapshot) and keep this archive as it is`,
  );
}
