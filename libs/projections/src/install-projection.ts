import { START } from '@frm/event-store';
import { quoteIdent, type SqlDatabase, type SqlQueryable } from '@frm/postgres';
import { createCheckpointTableSql, insertCheckpoint } from './checkpoint-table';
import type { ProjectionDefinition } from './projection';
import { projectionSchema } from './projection-schema';

/**
 * Left in a copy whose read indexes ({@link ProjectionDefinition.readIndexSql}) are still to be
 * built, so that a build resumed after a crash knows; dropped with the indexes' creation.
 */
export const PENDING_READ_INDEXES_TABLE = 'projection_read_indexes_pending';

/** Memory for one index build: a GIN index over a few hundred thousand rows is built in one sort. */
const INDEX_BUILD_MEMORY = '128MB';

export interface InstallOptions {
  /** Leave the read indexes for {@link buildPendingReadIndexes}, once the copy has caught up (builds from the first event). */
  readonly deferReadIndexes?: boolean;
}

/** Creates an empty copy of the projection in a new schema, its checkpoint at the start. */
export async function installProjection(
  tx: SqlQueryable,
  definition: ProjectionDefinition,
  schema: string,
  buildId: string | null,
  options: InstallOptions = {},
): Promise<void> {
  const copy = projectionSchema(schema);
  await tx.query(`create schema ${quoteIdent(schema)}`);
  for (const statement of definition.schemaSql(copy)) await tx.query(statement);
  const readIndexes = definition.readIndexSql?.(copy) ?? [];
  if (options.deferReadIndexes && readIndexes.length > 0) await tx.query(`create table ${copy.table(PENDING_READ_INDEXES_TABLE)} ()`);
  else for (const statement of readIndexes) await tx.query(statement);
  await tx.query(createCheckpointTableSql(schema));
  await insertCheckpoint(tx, schema, { projection: definition.name, version: definition.version, position: START, buildId });
}

/**
 * Creates the read indexes a copy was installed without, if it still lacks them; true when it
 * built them. One transaction: a crash leaves the copy as it was, still marked.
 */
export async function buildPendingReadIndexes(db: SqlDatabase, definition: ProjectionDefinition, schema: string): Promise<boolean> {
  const copy = projectionSchema(schema);
  return db.transaction(async (tx) => {
    const [marker] = await tx.query<{ pending: string | null }>(`select to_regclass($1)::text as pending`, [copy.table(PENDING_READ_INDEXES_TABLE)]);
    if (!marker?.pending) return false;
    await tx.query(`set local maintenance_work_mem = '${INDEX_BUILD_MEMORY}'`);
    for (const statement of definition.readIndexSql?.(copy) ?? []) await tx.query(statement);
    await tx.query(`drop table ${copy.table(PENDING_READ_INDEXES_TABLE)}`);
    return true;
  });
}

export async function dropSchema(q: SqlQueryable, schema: string): Promise<void> {
  await q.query(`drop schema if exists ${quoteIdent(schema)} cascade`);
}
