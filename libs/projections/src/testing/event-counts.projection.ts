import type { RecordedEvent } from '@frm/event-store';
import { defineProjection } from '../define-projection';
import type { ProjectionDefinition, ProjectionSchema, SqlStatement } from '../projection';

/**
 * The example projection the tests run: events and summed `weight` per stream and per type of
 * every `Counted.*` event. Its upserts add up, so an event applied twice shows as a wrong count.
 */
export const eventCountsProjection = defineProjection({
  name: 'event_counts',
  version: 1,
  eventTypePrefixes: ['Counted.'],
  schemaSql: (schema: ProjectionSchema) => [
    `create table ${schema.table('stream_counts')} (
       stream_id text primary key,
       events bigint not null,
       last_revision bigint not null
     )`,
    `create table ${schema.table('type_counts')} (
       event_type text primary key,
       events bigint not null,
       total_weight bigint not null
     )`,
  ],
  handle: (event: RecordedEvent, schema: ProjectionSchema): SqlStatement[] => [
    {
      sql: `insert into ${schema.table('stream_counts')} as s (stream_id, events, last_revision) values ($1, 1, $2)
            on conflict (stream_id) do update set events = s.events + 1, last_revision = greatest(s.last_revision, excluded.last_revision)`,
      params: [event.streamId, event.revision.toString()],
    },
    {
      sql: `insert into ${schema.table('type_counts')} as t (event_type, events, total_weight) values ($1, 1, $2)
            on conflict (event_type) do update set events = t.events + 1, total_weight = t.total_weight + excluded.total_weight`,
      params: [event.type, weightOf(event)],
    },
  ],
});

function weightOf(event: RecordedEvent): number {
  const weight = event.data['weight'] ?? 1;
  if (typeof weight !== 'number' || !Number.isInteger(weight)) {
    throw new TypeError(`${event.type} ${event.id} has weight ${JSON.stringify(weight)}; expected a whole number`);
  }
  return weight;
}

/**
 * The same counts under another name, refusing the event whose weight is `weight` as a projection
 * with a bug would (event by event, so the error names that event).
 */
export function eventCountsRefusing(weight: number): ProjectionDefinition {
  return {
    ...eventCountsProjection,
    name: `refuses_weight_${weight}`,
    handleBatch: undefined,
    handle: (event, schema) => {
      if (event.data['weight'] === weight) throw new Error(`weight ${weight} is refused`);
      return eventCountsProjection.handle(event, schema);
    },
  };
}
