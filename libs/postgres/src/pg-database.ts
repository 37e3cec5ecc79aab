import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { Client, Pool, type PoolClient, type PoolConfig } from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import { DatabaseUnavailableError, describeUnreachable } from './database-unavailable.error';
import type { QueryOptions, SqlDatabase, SqlQueryable, Unlisten } from './sql-database.port';

export interface PgDatabaseOptions {
  connectionString: string;
  /** Every connection uses this schema first (tests get a schema of their own). */
  schema?: string;
  maxConnections?: number;
  /**
   * Connections opened before the pool is handed out and kept however idle (default 0: opened as
   * queries need them, closed after 10 s idle). New connections cost Postgres a process and cold
   * caches each, which a surge then pays while its calls wait.
   */
  minConnections?: number;
  applicationName?: string;
}

/** Opens a pool on a Postgres server and checks that it answers. */
export async function openPgDatabase(options: PgDatabaseOptions): Promise<SqlDatabase> {
  const config: PoolConfig = {
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    application_name: options.applicationName ?? 'frm',
    connectionTimeoutMillis: 10_000,
    min: options.minConnections ?? 0,
    ...(options.schema ? { options: `-c search_path=${quoteIdent(options.schema)},public` } : {}),
  };
  const pool = new Pool(config);
  // An idle client that loses its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  try {
    await pool.query(options.schema ? `create schema if not exists ${quoteIdent(options.schema)}` : 'select 1');
    await openConnections(pool, Math.min(options.minConnections ?? 0, config.max ?? 10));
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new DatabaseUnavailableError(describeUnreachable(redact(options.connectionString), error), error);
  }
  return new PgDatabase(pool, config);
}

class PgDatabase implements SqlDatabase {
  readonly engine = 'postgres' as const;

  constructor(
    private readonly pool: Pool,
    private readonly config: PoolConfig,
  ) {}

  async query<Row>(sql: string, params: readonly unknown[] = [], options: QueryOptions = {}): Promise<Row[]> {
    const result = await this.pool.query({ text: sql, values: params as unknown[], name: options.preparedAs });
    return result.rows as Row[];
  }

  async transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    return this.withClient(async (client) => {
      await client.query('begin');
      try {
        const result = await work({
          query: async <Row>(sql: string, params: readonly unknown[] = [], options: QueryOptions = {}) =>
            (await client.query({ text: sql, values: params as unknown[], name: options.preparedAs })).rows as Row[],
        });
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      }
    });
  }

  async exec(script: string): Promise<void> {
    await this.pool.query(script);
  }

  readonly copyFrom = async (copyStatement: string, rows: string): Promise<number> =>
    this.withClient(async (client, discard) => {
      const copy = client.query(copyFromStdin(copyStatement));
      try {
        await pipeline(Readable.from([rows]), copy);
      } catch (error) {
        // A COPY that failed midway may leave the connection out of step: it is not reused.
        discard(error as Error);
        throw error;
      }
      return copy.rowCount;
    });

  /**
   * Runs `work` on a client of its own. A checked-out client whose connection dies (a Postgres
   * restart) emits 'error'; unheard, that event ends the process. Heard, the pending query rejects,
   * and the broken client is discarded, as is one that `work` discards.
   */
  private async withClient<T>(work: (client: PoolClient, discard: (cause: Error) => void) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    const onError = (error: Error) => {
      broken = error;
    };
    client.on('error', onError);
    try {
      return await work(client, (cause) => (broken ??= cause));
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  async listen(channel: string, onNotify: (payload: string) => void): Promise<Unlisten> {
    return new NotificationListener(this.config, channel, onNotify).start();
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** A dedicated connection for LISTEN that reconnects after losing the server. */
class NotificationListener {
  private client: Client | undefined;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: PoolConfig,
    private readonly channel: string,
    private readonly onNotify: (payload: string) => void,
  ) {}

  async start(): Promise<Unlisten> {
    await this.connect();
    return () => this.stop();
  }

  private async connect(): Promise<void> {
    const client = new Client(this.config);
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.onNotify(message.payload ?? '');
    });
    client.on('error', () => this.reconnectLater());
    client.on('end', () => this.reconnectLater());
    await client.connect();
    await client.query(`listen ${quoteIdent(this.channel)}`);
    this.client = client;
  }

  private reconnectLater(): void {
    if (this.stopped || this.retry) return;
    this.client = undefined;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.connect().catch(() => this.reconnectLater());
    }, 1_000);
    this.retry.unref();
  }

  private async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}

/** Opens `count` connections at once and returns them to the pool, which keeps them (its `min`). */
async function openConnections(pool: Pool, count: number): Promise<void> {
  const clients = await Promise.all(Array.from({ length: count }, () => pool.connect()));
  for (const client of clients) client.release();
}

export function quoteIdent(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

function redact(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch {
    return 'the configured Postgres URL';
  }
}
