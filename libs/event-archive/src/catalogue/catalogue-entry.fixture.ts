import { archiveFileName, type ArchiveFileKind } from '../archive-format/archive-file-name';
import type { CatalogueEntry } from './catalogue';

/** A catalogue entry for unit tests: positions as "commit/prepare" text, times from the sequence number. */
export function entryFixture(kind: ArchiveFileKind, sequence: number, from: string, to: string, overrides: Partial<CatalogueEntry> = {}): CatalogueEntry {
  const createdAt = new Date(Date.UTC(2025, 5, 14, 12, 0, sequence)).toISOString();
  return {
    name: archiveFileName(kind, sequence),
    kind,
    sequence,
    from,
    to,
    eventCount: 1,
    sha256: '0'.repeat(64),
    sizeBytes: 100,
    createdAt,
    firstRecordedAt: createdAt,
    lastRecordedAt: createdAt,
    lastEvent: null,
    ...overrides,
  };
}
