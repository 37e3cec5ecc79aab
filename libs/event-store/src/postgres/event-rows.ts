import type { EventMetadata, JsonObject, RecordedEvent } from '../events';

/** An events row as the queries select it: big numbers as text, so no engine rounds them. */
export interface EventRow {
  commit: string;
  prepare: string;
  event_id: string;
  stream_id: string;
  revision: string;
  event_type: string;
  data: JsonObject | null;
  metadata: EventMetadata | null;
  recorded_at: Date | string;
  matched?: boolean;
}

export const EVENT_COLUMNS = `transaction_id::text as commit, global_position::text as prepare, event_id::text,
  stream_id, stream_revision::text as revision, event_type, recorded_at`;

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.event_type,
    data: row.data ?? {},
    metadata: row.metadata ?? {},
    streamId: row.stream_id,
    revision: BigInt(row.revision),
    position: { commit: BigInt(row.commit), prepare: BigInt(row.prepare) },
    recordedAt: row.recorded_at instanceof Date ? row.recorded_at : new Date(row.recorded_at),
  };
}
