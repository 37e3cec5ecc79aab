import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzipSync } from 'node:zlib';
import { comparePositions, formatPosition, type Position, type RecordedEvent } from '@frm/event-store';
import { encodeArchivedEvent } from '../archive-format/archived-event';
import { encodeArchiveFileHeader } from '../archive-format/archive-file-header';
import { archiveFileName, type ArchiveFileKind } from '../archive-format/archive-file-name';
import { hashWhilePassing } from '../archive-format/checksums';
import type { BackupStore } from '../backup-store/backup-store.port';
import type { CatalogueEntry } from '../catalogue/catalogue';
import { SPOOL_PREFIX } from './abandoned-spools';

export interface ArchiveFileToWrite {
  readonly kind: ArchiveFileKind;
  readonly sequence: number;
  /** Exclusive. */
  readonly from: Position;
  /** Inclusive: the head read when the file was started. */
  readonly to: Position;
  /** When `to` was read. */
  readonly createdAt: Date;
  /** The events after `from` through `to`, in global order. */
  readonly pages: AsyncIterable<readonly RecordedEvent[]>;
  /** Local directory for the compressed body while the header is not yet known (its event count is at the top). */
  readonly spoolDir: string;
  readonly signal?: AbortSignal;
  /** Called after each page with the number of events written so far. */
  readonly onEvents?: (done: number) => void;
}

interface BodySummary {
  eventCount: number;
  first: RecordedEvent | undefined;
  last: RecordedEvent | undefined;
}

/**
 * Writes one archive file — a gzip member with the header line, then a gzip member with one line
 * per event (together one valid gzip stream: `zcat` and Node's gunzip read through members) — and
 * returns its catalogue entry. The body is spooled to a local file first because the header, which
 * comes first, counts the events. The store's put is atomic: an abort or a crash leaves no file.
 */
export async function writeArchiveFile(store: BackupStore, file: ArchiveFileToWrite): Promise<CatalogueEntry> {
  const name = archiveFileName(file.kind, file.sequence);
  const spool = await mkdtemp(join(file.spoolDir, SPOOL_PREFIX));
  try {
    const bodyPath = join(spool, 'body.ndjson.gz');
    const summary: BodySummary = { eventCount: 0, first: undefined, last: undefined };
    await pipeline(bodyLines(file, name, summary), createGzip(), createWriteStream(bodyPath), { signal: file.signal });
    const from = formatPosition(file.from);
    const to = formatPosition(file.to);
    const header = encodeArchiveFileHeader({
      kind: file.kind,
      sequence: file.sequence,
      from,
      to,
      eventCount: summary.eventCount,
      createdAt: file.createdAt.toISOString(),
      firstRecordedAt: summary.first?.recordedAt.toISOString() ?? null,
      lastRecordedAt: summary.last?.recordedAt.toISOString() ?? null,
    });
    const headerMember = gzipSync(`${header}\n`);
    const { content, passed } = hashWhilePassing(
      (async function* () {
        yield headerMember;
        yield* createReadStream(bodyPath);
      })(),
    );
    await store.put(name, content, { signal: file.signal });
    const last = summary.last;
    return {
      name,
      kind: file.kind,
      sequence: file.sequence,
      from,
      to,
      eventCount: summary.eventCount,
      sha256: passed.sha256(),
      sizeBytes: passed.sizeBytes,
      createdAt: file.createdAt.toISOString(),
      firstRecordedAt: summary.first?.recordedAt.toISOString() ?? null,
      lastRecordedAt: last?.recordedAt.toISOString() ?? null,
      lastEvent: last
        ? { id: last.id, streamId: last.streamId, revision: last.revision.toString(), position: formatPosition(last.position) }
        : null,
    };
  } finally {
    await rm(spool, { recursive: true, force: true });
  }
}

async function* bodyLines(file: ArchiveFileToWrite, name: string, summary: BodySummary): AsyncGenerator<string> {
  for await (const page of file.pages) {
    if (!page.length) continue;
    let text = '';
    for (const event of page) {
      // Cheap to check, and a file whose events stray outside its range would restore wrongly.
      const after = summary.last?.position ?? file.from;
      if (comparePositions(event.position, after) <= 0 || comparePositions(event.position, file.to) > 0) {
        throw new RangeError(
          `${name}: event ${event.id} at ${formatPosition(event.position)} is outside the file's range ` +
            `(${formatPosition(after)}, ${formatPosition(file.to)}]: the event store returned events out of order`,
        );
      }
      text += `${encodeArchivedEvent(event)}\n`;
      summary.first ??= event;
      summary.last = event;
      summary.eventCount += 1;
    }
    yield text;
    file.onEvents?.(summary.eventCount);
  }
}
