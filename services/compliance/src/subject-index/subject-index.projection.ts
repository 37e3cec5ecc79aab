import type { RecordedEvent } from '@frm/event-store';
import { defineProjection, type ProjectionSchema, type SqlStatement } from '@frm/projections';
import { INDEXED_EVENT_PREFIXES, subjectsOf } from './subjects-of-event';

/**
 * Compliance's own read model of where each subject's data is: subject → the streams they wrote
 * to, acted in or voted in. An export or an erasure reads those streams only, instead of scanning
 * the whole event store. Ids only, so it needs no redaction after an erasure.
 */
export const subjectIndexProjection = defineProjection({
  name: 'compliance_subject_index',
  version: 1,
  eventTypePrefixes: [...INDEXED_EVENT_PREFIXES],
  schemaSql: (schema: ProjectionSchema) => [
    `create table ${schema.table('subject_streams')} (
       subject_id text collate "C" not null,
       stream_id text collate "C" not null,
       first_seen_at timestamptz not null,
       primary key (subject_id, stream_id)
     )`,
  ],
  handle: (event: RecordedEvent, schema: ProjectionSchema): SqlStatement[] =>
    subjectsOf(event).map((subjectId) => ({
      sql: `insert into ${schema.table('subject_streams')} (subject_id, stream_id, first_seen_at) values ($1, $2, $3) on conflict do nothing`,
      params: [subjectId, event.streamId, event.recordedAt.toISOString()],
    })),
  // A batch in one insert: each (subject, stream) first seen in it, as one by one, since a later sighting changes nothing.
  handleBatch: (events: readonly RecordedEvent[], schema: ProjectionSchema): SqlStatement[] => {
    const rows = new Map<string, { subject_id: string; stream_id: string; first_seen_at: string }>();
    for (const event of events) {
      for (const subjectId of subjectsOf(event)) {
        const key = `${subjectId}\u0000${event.streamId}`;
        if (!rows.has(key)) rows.set(key, { subject_id: subjectId, stream_id: event.streamId, first_seen_at: event.recordedAt.toISOString() });
      }
    }
    if (rows.size === 0) return [];
    return [
      {
        sql: `insert into ${schema.table('subject_streams')} (subject_id, stream_id, first_seen_at)
              select subject_id, stream_id, first_seen_at from jsonb_to_recordset($1::jsonb) as r(subject_id text, stream_id text, first_seen_at timestamptz)
              on conflict do nothing`,
        params: [JSON.stringify([...rows.values()])],
      },
    ];
  },
});
