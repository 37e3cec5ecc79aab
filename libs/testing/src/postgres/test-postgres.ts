import { Client } from 'pg';
import { openPgDatabase, quoteIdent, type SqlDatabase } from '@frm/postgres';
import { uniqueName } from '../unique-name';

export const defaultTestDatabaseUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestPostgresOptions {
  /** Server to use instead of FRM_TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres). */
  connectionString?: string;
  /** Readable start of the schema's unique name; `test` unless given. */
  prefix?: string;
}

export interface TestPostgres {
  /** Opened with the test's schema first on its search_path, so unqualified tables land there. */
  readonly db: SqlDatabase;
  readonly schema: string;
  readonly connectionString: string;
  /** Closes `db` (if the test has not) and drops the schema with everything in it. */
  cleanup(): Promise<void>;
}

/**
 * A schema of its own on the server Postgres, so tests never see each other's tables. Fails with
 * one line that says how to start the server when it does not answer.
 */
export async function testPostgres(options: TestPostgresOptions = {}): Promise<TestPostgres> {
  const connectionString = options.connectionString ?? process.env['FRM_TEST_DATABASE_URL'] ?? defaultTestDatabaseUrl;
  const schema = uniqueName(options.prefix ?? 'test', '_').toLowerCase();
  const db = await openPgDatabase({ connectionString, schema, maxConnections: 4, applicationName: schema });
  return {
    db,
    schema,
    connectionString,
    async cleanup() {
      // A test may have closed the pool itself; its schema still has to go.
      await db.close().catch(() => undefined);
      const client = new Client({ connectionString });
      await client.connect();
      try {
        await client.query(`drop schema if exists ${quoteIdent(schema)} cascade`);
      } finally {
        await client.end();
      }
    },
  };
}
