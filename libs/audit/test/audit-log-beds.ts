import { openPgDatabase, quoteIdent, type SqlDatabase } from '@frm/postgres';
import { testPglite, testPostgres } from '@frm/testing';

/** One engine for the audit log's integration tests: a database, more connections to it, and how to tamper. */
export interface AuditLogBed {
  readonly db: SqlDatabase;
  readonly schema: string;
  /** Databases on other connections (other pools on a server; the same database for PGlite). */
  otherConnections(count: number): Promise<SqlDatabase[]>;
  /** Runs `sql` with the table's triggers off, as its owner could: the tampering verification must find. */
  tamper(sql: string): Promise<void>;
  cleanup(): Promise<void>;
}

export async function postgresBed(): Promise<AuditLogBed> {
  const postgres = await testPostgres({ prefix: 'audit' });
  const others: SqlDatabase[] = [];
  return {
    db: postgres.db,
    schema: postgres.schema,
    async otherConnections(count) {
      for (let i = 0; i < count; i++) others.push(await openPgDatabase({ connectionString: postgres.connectionString, maxConnections: 10 }));
      return others.slice(-count);
    },
    tamper: (sql) => tamperWith(postgres.db, postgres.schema, sql),
    async cleanup() {
      await Promise.all(others.map((db) => db.close()));
      await postgres.cleanup();
    },
  };
}

export async function pgliteBed(): Promise<AuditLogBed> {
  const pglite = await testPglite();
  return {
    db: pglite.db,
    schema: 'audit',
    otherConnections: async (count) => Array.from({ length: count }, () => pglite.db),
    tamper: (sql) => tamperWith(pglite.db, 'audit', sql),
    cleanup: () => pglite.cleanup(),
  };
}

async function tamperWith(db: SqlDatabase, schema: string, sql: string): Promise<void> {
  const table = `${quoteIdent(schema)}.audit_entries`;
  await db.exec(`alter table ${table} disable trigger user; ${sql.replace(/\baudit_entries\b/g, table)}; alter table ${table} enable trigger user;`);
}
