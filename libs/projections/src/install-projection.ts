import { START } from '@frm/event-store';
import { quoteIdent, type SqlQueryable } from '@frm/postgres';
import { createCheckpointTableSql, insertCheckpoint } from './checkpoint-table';
import type { ProjectionDefinition } from './projection';
import { projectionSchema } from './projection-schema';

/** Creates an empty copy of the projection in a new schema, its checkpoint at the start. */
export async function installProjection(
  tx: SqlQueryable,
  definition: ProjectionDefinition,
  schema: string,
  buildId: string | null,
): Promise<void> {
  await tx.query(`create schema ${quoteIdent(schema)}`);
  for (const statement of definition.schemaSql(projectionSchema(schema))) await tx.query(statement);
  await tx.query(createCheckpointTableSql(schema));
  await insertCheckpoint(tx, schema, { projection: definition.name, version: definition.version, position: START, buildId });
}

export async function dropSchema(q: SqlQueryable, schema: string): Promise<void> {
  await q.query(`drop schema if exists ${quoteIdent(schema)} cascade`);
}
