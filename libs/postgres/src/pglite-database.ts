import { mkdir } from 'node:fs/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { DatabaseUnavailableError } from './database-unavailable.error';
import { quoteIdent } from './pg-database';
import type { SqlDatabase, SqlQueryable, Unlisten } from './sql-database.port';

export interface PgliteDatabaseOptions {
  /** Directory that holds the database; `undefined` keeps it in memory (tests only). */
  dataDir?: string;
  schema?: string;
}

/** Opens (creating on first use) an embedded Postgres that lives in one directory. */
export async function openPgliteDatabase(options: PgliteDatabaseOptions = {}): Promise<SqlDatabase> {
  let db: PGlite;
  try {
    if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
    // pg_trgm is in every server Postgres's contrib; PGlite ships it apart (an ES module), loaded once a schema creates it (triage's similarity search).
    const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
    db = await PGlite.create(options.dataDir, { extensions: { pg_trgm } });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseUnavailableError(
      `The embedded database in ${options.dataDir ?? 'memory'} could not be opened (${reason}); ` +
        `is another process using that directory, or is it damaged? Stop the other process or move the directory aside.`,
      error,
    );
  }
  if (options.schema) {
    await db.exec(`create schema if not exists ${quoteIdent(options.schema)}; set search_path = ${quoteIdent(options.schema)}, public;`);
  }
  return new PgliteDatabase(db);
}

class PgliteDatabase implements SqlDatabase {
  readonly engine = 'pglite' as const;

  constructor(private readonly db: PGlite) {}

  async query<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return (await this.db.query<Row>(sql, params as unknown[])).rows;
  }

  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    return this.db.transaction((tx: Transaction) =>
      work({
        query: async <Row>(sql: string, params: readonly unknown[] = []) =>
          (await tx.query<Row>(sql, params as unknown[])).rows,
      }),
    );
  }

  async exec(script: string): Promise<void> {
    await this.db.exec(script);
  }

  async listen(channel: string, onNotify: (payload: string) => void): Promise<Unlisten> {
    return this.db.listen(channel, onNotify);
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
