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
});
