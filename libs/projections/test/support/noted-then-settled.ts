import type { SqlQueryable } from '@frm/postgres';
import type { ProjectionDefinition, ProjectionSchema } from '../../src';

/**
 * A projection with a follow-up: each `Counted.*` event is noted with the id of the transaction that
 * applied it, and the follow-up settles what was noted, recording its own transaction's id too — so
 * a test sees whether the follow-up ran in the batch's transaction or after it.
 */
export const notedThenSettled: ProjectionDefinition = {
  name: 'noted_then_settled',
  version: 1,
  eventTypePrefixes: ['Counted.'],
  schemaSql: (schema: ProjectionSchema) => [
    `create table ${schema.table('noted')} (event_id text primary key, noted_in bigint not null)`,
    `create table ${schema.table('settled')} (event_id text primary key, noted_in bigint not null, settled_in bigint not null)`,
  ],
  handle: (event, schema) => [
    { sql: `insert into ${schema.table('noted')} (event_id, noted_in) values ($1, txid_current())`, params: [event.id] },
  ],
  followUp: {
    needed: (events) => events.length > 0,
    statements: (schema) => [
      { sql: `insert into ${schema.table('settled')} select event_id, noted_in, txid_current() from ${schema.table('noted')}` },
      { sql: `delete from ${schema.table('noted')}` },
    ],
  },
};

export interface Settled {
  readonly noted: number;
  readonly settled: number;
  /** Settled events whose follow-up ran in the transaction that applied them. */
  readonly settledInTheirBatch: number;
}

export async function readSettled(db: SqlQueryable, schema: string): Promise<Settled> {
  const [row] = await db.query<{ noted: string; settled: string; same: string }>(
    `select (select count(*) from "${schema}".noted)::text as noted,
            (select count(*) from "${schema}".settled)::text as settled,
            (select count(*) from "${schema}".settled where noted_in = settled_in)::text as same`,
  );
  return { noted: Number(row?.noted), settled: Number(row?.settled), settledInTheirBatch: Number(row?.same) };
}
