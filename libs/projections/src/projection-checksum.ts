import { createHash } from 'node:crypto';
import { quoteIdent, type SqlDatabase, type SqlQueryable } from '@frm/postgres';
import { CHECKPOINT_TABLE } from './checkpoint-table';
import { PENDING_READ_INDEXES_TABLE } from './install-projection';

export interface TableChecksum {
  table: string;
  rows: number;
  /** Independent of row order: built from the sum of a 64-bit hash of every row. */
  checksum: string;
}

export interface ProjectionChecksum {
  schema: string;
  /** Every table of the copy but its checkpoint, by name. */
  tables: TableChecksum[];
  /** Over all tables: equal checksums mean equal rows. */
  checksum: string;
}

/**
 * Checksums every table of one copy of a projection in one snapshot, so that a rebuilt copy can
 * be compared with the live one. Reads whole tables: run it off-peak on large projections.
 */
export async function checksumProjection(db: SqlDatabase, schema: string): Promise<ProjectionChecksum> {
  return db.transaction(async (tx) => {
    await tx.query('set transaction isolation level repeatable read, read only');
    return checksumTables(tx, schema);
  });
}

export async function checksumTables(q: SqlQueryable, schema: string): Promise<ProjectionChecksum> {
  const tables: TableChecksum[] = [];
  for (const table of await listProjectionTables(q, schema)) {
    const [row] = await q.query<{ rows: string; sum: string }>(
      `select count(*)::text as rows,
              coalesce(sum(('x' || left(md5(to_jsonb(t)::text), 16))::bit(64)::bigint::numeric), 0)::text as sum
       from ${quoteIdent(schema)}.${quoteIdent(table)} t`,
    );
    const rows = Number(row?.rows ?? 0);
    tables.push({ table, rows, checksum: digest(`${rows}:${row?.sum ?? 0}`) });
  }
  return { schema, tables, checksum: digest(tables.map((t) => `${t.table}:${t.checksum}`).join('\n')) };
}

/** The copy's own tables (partitioned ones once), without its checkpoint and build marker. */
export async function listProjectionTables(q: SqlQueryable, schema: string): Promise<string[]> {
  const rows = await q.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = $1 and c.relkind in ('r', 'p') and not c.relispartition and c.relname <> all($2::text[])
     order by c.relname`,
    [schema, [CHECKPOINT_TABLE, PENDING_READ_INDEXES_TABLE]],
  );
  return rows.map((row) => row.name);
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}
