import { pipeline } from 'node:stream';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { comparePositions, formatPosition, parsePosition, type RecordedEvent } from '@frm/event-store';
import { decodeArchivedEvent } from '../archive-format/archived-event';
import { decodeArchiveFileHeader } from '../archive-format/archive-file-header';
import type { BackupStore } from '../backup-store/backup-store.port';
import type { CatalogueEntry } from '../catalogue/catalogue';
import { ArchiveFormatError } from '../errors';

/**
 * The events of one archive file, in order, checked against its catalogue entry: the header must
 * describe the same file, every event must lie in its range, and the count must match.
 * @throws ArchiveFormatError naming the file (and line) that does not
 */
export async function* readArchiveFile(store: BackupStore, entry: CatalogueEntry): AsyncGenerator<RecordedEvent> {
  const gunzip = pipeline(Readable.from(await store.get(entry.name)), createGunzip(), () => undefined);
  const lines = linesOf(gunzip);
  const first = await lines.next();
  if (first.done) throw new ArchiveFormatError(`${entry.name} is empty: it has no header line`);
  const header = decodeArchiveFileHeader(first.value, entry.name);
  for (const field of ['kind', 'sequence', 'from', 'to', 'eventCount'] as const) {
    if (header[field] !== entry[field]) {
      throw new ArchiveFormatError(`${entry.name}'s header says ${field} ${String(header[field])} but the catalogue says ${String(entry[field])}`);
    }
  }
  const to = parsePosition(header.to);
  let after = parsePosition(header.from);
  let count = 0;
  let lineNumber = 1;
  for await (const line of lines) {
    lineNumber += 1;
    if (!line) continue;
    const event = decodeArchivedEvent(line, `${entry.name} line ${lineNumber}`);
    if (comparePositions(event.position, after) <= 0 || comparePositions(event.position, to) > 0) {
      throw new ArchiveFormatError(
        `${entry.name} line ${lineNumber}: event ${event.id} at ${formatPosition(event.position)} is not after ${formatPosition(after)} and up to ${header.to}`,
      );
    }
    after = event.position;
    count += 1;
    yield event;
  }
  if (count !== header.eventCount) {
    throw new ArchiveFormatError(`${entry.name} holds ${count} events but its header says ${header.eventCount}: the file was cut short`);
  }
}

async function* linesOf(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of chunks) {
    const lines = (rest + decoder.write(chunk)).split('\n');
    rest = lines.pop() as string;
    yield* lines;
  }
  rest += decoder.end();
  if (rest) yield rest;
}
