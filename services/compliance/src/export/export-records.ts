import type { JsonObject, JsonValue, RecordedEvent } from '@frm/event-store';

/** One row of an export, before it is put on the wire. */
export interface ExportRecord {
  readonly table: string;
  readonly id: string;
  readonly row: JsonObject;
}

/**
 * A record with its row serialised as UTF-8 JSON. An export holds all of its records before the
 * first is sent; as bytes they stay out of the JavaScript heap, where thousands of strings kept that
 * long would be copied and promoted by every collection until the export ends.
 */
export interface SerializedRecord {
  readonly table: string;
  readonly id: string;
  readonly json: Buffer;
}

/** The export's table of each event type the subject acted in; other types go to `other_events`. */
const TABLE_OF_TYPE: Readonly<Record<string, string>> = {
  'frm.events.v1.FeatureRequestSubmitted': 'feature_requests',
  'frm.events.v1.FeatureRequestEdited': 'feature_request_edits',
  'frm.events.v1.FeatureRequestCommentAdded': 'comments',
  'frm.events.v1.FeatureRequestStatusChanged': 'status_changes',
  'frm.events.v1.FeatureRequestMerged': 'status_changes',
  'frm.events.v1.FeatureRequestUnmerged': 'status_changes',
  'frm.events.v1.VoteCast': 'votes',
  'frm.events.v1.VoteRetracted': 'vote_retractions',
  'frm.events.v1.VoteFlagged': 'vote_flags',
  'frm.events.v1.VoteReviewed': 'vote_reviews',
  'frm.events.v1.VoteMoved': 'vote_moves',
  'frm.events.v1.VoteMovedBack': 'vote_moves',
  'frm.events.v1.VoteRestored': 'vote_moves',
  'frm.events.v1.SubjectConsentRecorded': 'consents',
  'frm.events.v1.SubjectConsentWithdrawn': 'consents',
  'frm.events.v1.SubjectErased': 'erasures',
};

/** Fields that name or describe another person, who did not act in the event: never exported. */
const OTHER_PEOPLE_FIELDS = new Set(['featureRequestAuthorId']);

/** The table an event type's rows go to. */
export function tableOf(eventType: string): string {
  return TABLE_OF_TYPE[eventType] ?? 'other_events';
}

/**
 * An event the subject acted in, as a row of the export: its data (personal data already
 * decrypted), where and when it was recorded, and the export's watermark.
 */
export function recordOfEvent(event: Pick<RecordedEvent, 'id' | 'type' | 'streamId' | 'recordedAt'>, data: JsonObject, watermark: string): ExportRecord {
  const row: JsonObject = { watermark, eventId: event.id, eventType: event.type, streamId: event.streamId, recordedAt: event.recordedAt.toISOString() };
  for (const field in data) if (Object.hasOwn(data, field) && !OTHER_PEOPLE_FIELDS.has(field)) row[field] = data[field] as JsonValue;
  return { table: tableOf(event.type), id: event.id, row };
}

export function serialized(record: ExportRecord): SerializedRecord {
  return { table: record.table, id: record.id, json: Buffer.from(JSON.stringify(record.row), 'utf8') };
}

/** The record as the wire carries it (ExportedRecord). */
export function exportedRecord(record: SerializedRecord): { table: string; id: string; json: string } {
  return { table: record.table, id: record.id, json: record.json.toString('utf8') };
}

/** Record counts by table, in table order. */
export function countByTable(records: readonly Pick<ExportRecord, 'table'>[]): { table: string; recordCount: number }[] {
  const counts = new Map<string, number>();
  for (const record of records) counts.set(record.table, (counts.get(record.table) ?? 0) + 1);
  return [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([table, recordCount]) => ({ table, recordCount }));
}
