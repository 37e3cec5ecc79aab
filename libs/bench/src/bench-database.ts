import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

export interface BenchDatabase {
  readonly name: string;
  /** The server's URL with this database in its path. */
  readonly url: string;
  drop(): Promise<void>;
}

/** A fresh database on the server of `serverUrl`, so a benchmark starts empty and leaves nothing behind. */
export async function createBenchDatabase(serverUrl: string, prefix: string): Promise<BenchDatabase> {
  const name = `${prefix}_${randomUUID().slice(0, 8)}`;
  await onServer(serverUrl, `create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => onServer(serverUrl, `drop database if exists "${name}" with (force)`) };
}

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
