import type { Logger } from '@frm/logging';
import { quoteIdent, type SqlDatabase } from '@frm/postgres';
import type { DrillSchemas } from './drill-schemas';

/** The schemas whose names start with `prefix`, by name. */
export async function schemasStartingWith(db: SqlDatabase, prefix: string): Promise<string[]> {
  const rows = await db.query<{ name: string }>(`select nspname as name from pg_namespace where starts_with(nspname, $1) order by nspname`, [prefix]);
  return rows.map((row) => row.name);
}

export interface SchemaLeftBehind {
  readonly schema: string;
  readonly reason: string;
}

/**
 * Drops each schema with everything in it, one statement each so that one failure does not keep
 * the others; returns those that could not be dropped.
 */
export async function dropSchemas(db: SqlDatabase, schemas: readonly string[]): Promise<{ dropped: string[]; failed: SchemaLeftBehind[] }> {
  const dropped: string[] = [];
  const failed: SchemaLeftBehind[] = [];
  for (const schema of schemas) {
    try {
      await db.query(`drop schema if exists ${quoteIdent(schema)} cascade`);
      dropped.push(schema);
    } catch (error) {
      failed.push({ schema, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return { dropped, failed };
}

/** Drops every schema of one drill; returns those left behind (and logs why), never throws. */
export async function dropDrillSchemas(
  db: SqlDatabase,
  schemas: DrillSchemas,
  logger: Logger,
  onProgress: (done: number, total: number) => void,
): Promise<string[]> {
  try {
    const remaining = await schemasStartingWith(db, schemas.prefix);
    const { failed } = await dropSchemas(db, remaining);
    onProgress(remaining.length - failed.length, remaining.length);
    if (failed.length) logger.warn({ drillId: schemas.id, failed }, 'Some restore drill schemas could not be dropped');
    return failed.map((left) => left.schema);
  } catch (error) {
    logger.warn({ drillId: schemas.id, err: error }, 'The restore drill schemas could not be listed to drop them');
    return [`${schemas.prefix}*`];
  }
}
