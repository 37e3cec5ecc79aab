import { jsonEvent, type EventData, type RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import type { EventMetadata, JsonObject, NewEvent, RecordedEvent } from '../events';
import { fromEsdbPosition } from './positions';

/** A new event as the client's JSON event; ids go lower-case, as EventStoreDB returns them. */
export function toEsdbEvent(event: NewEvent): EventData {
  return jsonEvent({
    id: event.id.toLowerCase(),
    type: event.type,
    data: event.data,
    ...(event.metadata ? { metadata: event.metadata } : {}),
  });
}

/**
 * An event as the port shows it. Events this adapter wrote are JSON objects; anything else in the
 * store was written by another tool, and is refused loudly rather than altered silently.
 */
export function toRecordedEvent(event: EsdbRecordedEvent): RecordedEvent {
  const where = `${event.id} (revision ${event.revision} of ${event.streamId})`;
  if (!event.position) {
    throw new Error(`EventStoreDB did not return the position of event ${where}; this adapter needs EventStoreDB 22.6 or newer`);
  }
  return {
    id: event.id,
    type: event.type,
    data: asJsonObject(event.data, `Data of event ${where}`),
    metadata: event.metadata === undefined ? {} : (asJsonObject(event.metadata, `Metadata of event ${where}`) as EventMetadata),
    streamId: event.streamId,
    revision: event.revision,
    position: fromEsdbPosition(event.position),
    recordedAt: event.created,
  };
}

function asJsonObject(value: unknown, what: string): JsonObject {
  const parsed = value instanceof Uint8Array ? parseJson(Buffer.from(value).toString('utf8')) : value;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new TypeError(`${what} is not a JSON object; this store reads only events written as JSON objects`);
  }
  return parsed as JsonObject;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
