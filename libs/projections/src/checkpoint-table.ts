import type { Position } from '@frm/event-store';
import { quoteIdent, type SqlQueryable } from '@frm/postgres';
import { ProjectionSchemaMissingError } from './errors';

/** Lives inside the projection's schema, so a swap moves rows and checkpoint together. */
export const CHECKPOINT_TABLE = 'projection_checkpoint';

export interface StoredCheckpoint {
  projection: string;
  version: number;
  /** Every matching event up to here is applied, none after it. */
  position: Position;
  /** Set while a rebuild or verification owns this copy. */
  buildId: string | null;
  /** Whether it was written within the freshness window asked for (see {@link readCheckpoint}). */
  recent: boolean;
}

interface CheckpointRow {
  projection: string;
  version: number;
  commit: string;
  prepare: string;
  build_id: string | null;
  recent: boolean;
}

const UNDEFINED_TABLE = '42P01';
const INVALID_SCHEMA_NAME = '3F000';

export function createCheckpointTableSql(schema: string): string {
  return `create table ${checkpointTable(schema)} (
    singleton boolean primary key default true check (singleton),
    projection text not null,
    version integer not null,
    commit_position numeric(20) not null,
    prepare_position numeric(20) not null,
    build_id uuid,
    updated_at timestamptz not null default now()
  )`;
}

export async function insertCheckpoint(
  tx: SqlQueryable,
  schema: string,
  row: { projection: string; version: number; position: Position; buildId: string | null },
): Promise<void> {
  await tx.query(
    `insert into ${checkpointTable(schema)} (projection, version, commit_position, prepare_position, build_id)
     values ($1, $2, $3, $4, $5)`,
    [row.projection, row.version, row.position.commit.toString(), row.position.prepare.toString(), row.buildId],
  );
}

/**
 * The copy's checkpoint; `forUpdate` locks the row until the transaction ends. Throws
 * {@link ProjectionSchemaMissingError} when the schema or its checkpoint table is gone.
 */
export async function readCheckpoint(
  q: SqlQueryable,
  schema: string,
  options: { forUpdate?: boolean; recentWithinMs?: number } = {},
): Promise<StoredCheckpoint> {
  let rows: CheckpointRow[];
  try {
    rows = await q.query<CheckpointRow>(
      `select projection, version, commit_position::text as commit, prepare_position::text as prepare,
              build_id::text, updated_at > now() - $1 * interval '1 millisecond' as recent
       from ${checkpointTable(schema)} ${options.forUpdate ? 'for update' : ''}`,
      [options.recentWithinMs ?? 0],
    );
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === UNDEFINED_TABLE || code === INVALID_SCHEMA_NAME) throw new ProjectionSchemaMissingError(schema, error);
    throw error;
  }
  const row = rows[0];
  if (!row) throw new ProjectionSchemaMissingError(schema);
  return {
    projection: row.projection,
    version: Number(row.version),
    position: { commit: BigInt(row.commit), prepare: BigInt(row.prepare) },
    buildId: row.build_id,
    recent: row.recent,
  };
}

/** Like {@link readCheckpoint}, but `undefined` when the copy does not exist; never aborts a transaction. */
export async function readCheckpointIfExists(
  q: SqlQueryable,
  schema: string,
  options: { forUpdate?: boolean; recentWithinMs?: number } = {},
): Promise<StoredCheckpoint | undefined> {
  const [found] = await q.query<{ exists: boolean }>(`select to_regclass($1) is not null as exists`, [checkpointTable(schema)]);
  return found?.exists ? readCheckpoint(q, schema, options) : undefined;
}

export async function writeCheckpoint(tx: SqlQueryable, schema: string, position: Position): Promise<void> {
  await tx.query(`update ${checkpointTable(schema)} set commit_position = $1, prepare_position = $2, updated_at = now()`, [
    position.commit.toString(),
    position.prepare.toString(),
  ]);
}

function checkpointTable(schema: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(CHECKPOINT_TABLE)}`;
}
