import { quoteIdent } from './pg-database';
import type { SqlQueryable } from './sql-database.port';

/**
 * Makes every table of a schema unlogged: its rows and indexes write no WAL, and a transaction that
 * writes only such tables commits without waiting for a WAL flush. For scratch data that is dropped
 * afterwards (a restore drill's copies); a crash empties such tables. Cheap on empty tables; on full
 * ones Postgres rewrites them.
 * @returns the tables changed, as `schema.table`
 */
export async function makeSchemaUnlogged(q: SqlQueryable, schema: string): Promise<string[]> {
  const tables = await q.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = $1 and c.relkind = 'r' and c.relpersistence = 'p' order by c.relname`,
    [schema],
  );
  for (const table of tables) await q.query(`alter table ${quoteIdent(schema)}.${quoteIdent(table.name)} set unlogged`);
  return tables.map((table) => `${schema}.${table.name}`);
}
