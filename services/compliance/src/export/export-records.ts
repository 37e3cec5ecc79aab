import type { JsonObject, JsonValue, RecordedEvent } from '@frm/event-store';

/** One row of an export, before it is put on the wire. */
export interface ExportRecord {
  readonly table: string;
  readonly id: string;
  readonly row: JsonObject;
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
  const kept: JsonObject = {};
  for (const [field, value] of Object.entries(data)) if (!OTHER_PEOPLE_FIELDS.has(field)) kept[field] = value as JsonValue;
  return {
    table: tableOf(event.type),
    id: event.id,
    row: { watermark, eventId: event.id, eventType: event.type, streamId: event.streamId, recordedAt: event.recordedAt.toISOString(), ...kept },
  };
}

/** Record counts by table, in table order. */
export function countByTable(records: readonly ExportRecord[]): { table: string; recordCount: number }[] {
  const counts = new Map<string, number>();
  for (const record of records) counts.set(record.table, (counts.get(record.table) ?? 0) + 1);
  return [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([table, recordCount]) => ({ table, recordCount }));
}
