import { Client } from 'pg';
import { quoteIdent } from '@frm/postgres';
import { uniqueName } from '../unique-name';
import { defaultTestDatabaseUrl } from './test-postgres';

export interface FreshDatabase {
  /** The new database on the test server, for FRM_DATABASE_URL. */
  readonly url: string;
  /** Runs one statement in it, on a connection of its own. */
  query(sql: string): Promise<unknown[]>;
  /** Drops it, closing whatever connections a killed process left open. */
  drop(): Promise<void>;
}

/**
 * A database of its own on the server Postgres, for a service run as a process: a schema would not
 * do, as a service puts its event store, read model and checkpoints in fixed schemas of the database
 * it is given.
 */
export async function freshDatabase(prefix: string): Promise<FreshDatabase> {
  const serverUrl = process.env['FRM_TEST_DATABASE_URL'] ?? defaultTestDatabaseUrl;
  const name = uniqueName(prefix, '_').toLowerCase();
  await queryOn(serverUrl, `create database ${quoteIdent(name)}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    query: (sql) => queryOn(url.toString(), sql),
    drop: async () => void (await queryOn(serverUrl, `drop database if exists ${quoteIdent(name)} with (force)`)),
  };
}

async function queryOn(connectionString: string, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}
