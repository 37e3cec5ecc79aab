import { parsePosition } from '@frm/event-store';
import { ArchiveFormatError } from '../errors';
import type { ArchiveFileKind } from './archive-file-name';

export const ARCHIVE_FORMAT = 'frm-event-archive';
export const ARCHIVE_FORMAT_VERSION = 1;

/**
 * The first line of every archive file. `from` is exclusive and `to` inclusive (positions as
 * `formatPosition` writes them): the file holds every event after `from` up to and including `to`.
 */
export interface ArchiveFileHeader {
  format: typeof ARCHIVE_FORMAT;
  formatVersion: typeof ARCHIVE_FORMAT_VERSION;
  kind: ArchiveFileKind;
  sequence: number;
  from: string;
  to: string;
  eventCount: number;
  /** When the head `to` was read, ISO 8601. */
  createdAt: string;
  /** Record times of the file's first and last events; `null` when it holds none. */
  firstRecordedAt: string | null;
  lastRecordedAt: string | null;
}

export function encodeArchiveFileHeader(header: Omit<ArchiveFileHeader, 'format' | 'formatVersion'>): string {
  const full: ArchiveFileHeader = { format: ARCHIVE_FORMAT, formatVersion: ARCHIVE_FORMAT_VERSION, ...header };
  return JSON.stringify(full);
}

/** @throws ArchiveFormatError naming `file` when the line is not a header this version can read */
export function decodeArchiveFileHeader(text: string, file: string): ArchiveFileHeader {
  let header: Partial<ArchiveFileHeader>;
  try {
    header = JSON.parse(text) as Partial<ArchiveFileHeader>;
  } catch {
    throw new ArchiveFormatError(`${file} does not start with an archive header: its first line is not JSON`);
  }
  if (header?.format !== ARCHIVE_FORMAT) throw new ArchiveFormatError(`${file} is not an event archive file (format "${String(header?.format)}")`);
  if (header.formatVersion !== ARCHIVE_FORMAT_VERSION) {
    throw new ArchiveFormatError(
      `${file} has archive format version ${String(header.formatVersion)}; this code reads version ${ARCHIVE_FORMAT_VERSION}: restore with the release that wrote it`,
    );
  }
  const { kind, sequence, from, to, eventCount, createdAt, firstRecordedAt, lastRecordedAt } = header;
  const valid =
    (kind === 'snapshot' || kind === 'segment') &&
    Number.isSafeInteger(sequence) &&
    typeof from === 'string' &&
    typeof to === 'string' &&
    Number.isSafeInteger(eventCount) &&
    (eventCount as number) >= 0 &&
    typeof createdAt === 'string' &&
    (firstRecordedAt === null || typeof firstRecordedAt === 'string') &&
    (lastRecordedAt === null || typeof lastRecordedAt === 'string');
  if (!valid) throw new ArchiveFormatError(`${file} has an incomplete archive header: ${text.slice(0, 300)}`);
  for (const position of [from, to]) {
    try {
      parsePosition(position as string);
    } catch (error) {
      throw new ArchiveFormatError(`${file}'s header: ${(error as Error).message}`);
    }
  }
  return header as ArchiveFileHeader;
}
