import { formatPosition, parsePosition, type RecordedEvent } from '@frm/event-store';
import { ArchiveFormatError } from '../errors';

/** One event as a line of an archive file: big numbers and positions as strings, times as ISO 8601 with milliseconds. */
export interface ArchivedEventLine {
  id: string;
  streamId: string;
  revision: string;
  type: string;
  data: RecordedEvent['data'];
  metadata: RecordedEvent['metadata'];
  recordedAt: string;
  position: string;
}

export function encodeArchivedEvent(event: RecordedEvent): string {
  const line: ArchivedEventLine = {
    id: event.id,
    streamId: event.streamId,
    revision: event.revision.toString(),
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt.toISOString(),
    position: formatPosition(event.position),
  };
  return JSON.stringify(line);
}

/**
 * The event of one line; `where` (file and line number) names the place in the error.
 * @throws ArchiveFormatError when the line is not an archived event
 */
export function decodeArchivedEvent(text: string, where: string): RecordedEvent {
  let line: Partial<ArchivedEventLine>;
  try {
    line = JSON.parse(text) as Partial<ArchivedEventLine>;
  } catch (error) {
    throw new ArchiveFormatError(`${where} is not JSON (${(error as Error).message})`);
  }
  const { id, streamId, revision, type, data, metadata, recordedAt, position } = line;
  if (
    typeof id !== 'string' ||
    typeof streamId !== 'string' ||
    typeof revision !== 'string' ||
    !/^\d+$/.test(revision) ||
    typeof type !== 'string' ||
    !isObject(data) ||
    !isObject(metadata) ||
    typeof recordedAt !== 'string' ||
    typeof position !== 'string'
  ) {
    throw new ArchiveFormatError(`${where} is not an archived event (it needs id, streamId, revision, type, data, metadata, recordedAt and position)`);
  }
  const recorded = new Date(recordedAt);
  if (Number.isNaN(recorded.getTime())) throw new ArchiveFormatError(`${where} has recordedAt "${recordedAt}", which is not a time`);
  let parsedPosition;
  try {
    parsedPosition = parsePosition(position);
  } catch (error) {
    throw new ArchiveFormatError(`${where}: ${(error as Error).message}`);
  }
  return { id, streamId, revision: BigInt(revision), type, data, metadata, recordedAt: recorded, position: parsedPosition };
}

function isObject(value: unknown): value is RecordedEvent['data'] {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
