import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { pickOperation, type BoardMix, type BoardOperation } from '../load/board-traffic';
import type { PacedCall } from '../load/paced-load';

const SCHEMA = 'bench_raw_board';
const TOPICS = ['seating plan', 'guest list', 'deposit', 'calendar', 'photo gallery', 'menu tasting', 'rsvp', 'florist'];

/**
 * The baseline of bench:surge: the board's calls as the plainest SQL through `pg` against the same
 * database, with no service, gateway, event store or read model in between: a request table with
 * its vote count and a text search index, a vote table; a vote is an INSERT and an UPDATE of the
 * count in one durable transaction, a submission one INSERT, reads are single SELECTs.
 */
export class RawSqlBoard {
  private ids: string[] = [];

  private constructor(private readonly pool: Pool) {}

  static async create(databaseUrl: string, concurrency: number, requests: number): Promise<RawSqlBoard> {
    const pool = new Pool({ connectionString: databaseUrl, max: concurrency });
    pool.on('error', () => undefined);
    const board = new RawSqlBoard(pool);
    await pool.query(`drop schema if exists ${SCHEMA} cascade`);
    await pool.query(`create schema ${SCHEMA}`);
    await pool.query(`create table ${SCHEMA}.requests (
      id uuid primary key, title text not null, description text not null, category text not null, status text not null default 'submitted',
      author_id uuid not null, vote_count bigint not null default 0, weighted numeric not null default 0, created_at timestamptz not null default now(),
      search tsvector generated always as (to_tsvector('english', title || ' ' || description)) stored)`);
    await pool.query(`create index on ${SCHEMA}.requests (vote_count desc, created_at desc, id)`);
    await pool.query(`create index on ${SCHEMA}.requests (created_at desc, id)`);
    await pool.query(`create index on ${SCHEMA}.requests using gin (search)`);
    await pool.query(`create table ${SCHEMA}.votes (vote_id uuid primary key, feature_request_id uuid not null, voter_id uuid not null,
      cast_at timestamptz not null, weight double precision not null, signals jsonb not null, unique (feature_request_id, voter_id))`);
    for (let i = 0; i < requests; i++) await board.submit(i);
    return board;
  }

  call(index: number, mix: BoardMix): PacedCall {
    const operation = pickOperation(mix);
    return { operation, code: this.run(operation, index).then(() => 'OK', (error: unknown) => `SQL:${(error as { code?: string }).code ?? 'error'}`) };
  }

  async drop(): Promise<void> {
    await this.pool.query(`drop schema if exists ${SCHEMA} cascade`).catch(() => undefined);
    await this.pool.end();
  }

  private async run(operation: BoardOperation, index: number): Promise<void> {
    switch (operation) {
      case 'list': {
        const offset = Math.random() < 0.4 ? 20 : 0;
        const order = ['vote_count desc, created_at desc, id', 'weighted desc, created_at desc, id', 'created_at desc, id'][index % 3] as string;
        await this.pool.query(`select id, title, description, category, status, vote_count, created_at from ${SCHEMA}.requests order by ${order} limit 21 offset $1`, [offset]);
        return;
      }
      case 'get':
        await this.pool.query(`select * from ${SCHEMA}.requests where id = $1`, [this.anyId()]);
        return;
      case 'tally':
        await this.pool.query(`select vote_count, weighted from ${SCHEMA}.requests where id = $1`, [this.anyId()]);
        return;
      case 'similar':
        await this.pool.query(
          `select id, title, ts_rank(search, query) as score from ${SCHEMA}.requests, plainto_tsquery('english', $1) as query
           where search @@ query order by score desc limit 5`,
          [TOPICS[index % TOPICS.length]],
        );
        return;
      case 'vote':
        await this.vote();
        return;
      case 'submit':
        await this.submit(index);
        return;
    }
  }

  private async vote(): Promise<void> {
    const client = await this.pool.connect();
    try {
      const featureRequestId = this.anyId();
      await client.query('begin');
      await client.query(`insert into ${SCHEMA}.votes values ($1, $2, $3, now(), 1, $4)`, [randomUUID(), featureRequestId, randomUUID(), '{"ip":"hash","device":"hash"}']);
      await client.query(`update ${SCHEMA}.requests set vote_count = vote_count + 1, weighted = weighted + 1 where id = $1`, [featureRequestId]);
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async submit(index: number): Promise<void> {
    const id = randomUUID();
    const topic = TOPICS[index % TOPICS.length] as string;
    await this.pool.query(`insert into ${SCHEMA}.requests (id, title, description, category, author_id) values ($1, $2, $3, 'planning-tools', $4)`, [
      id,
      `${topic} idea ${index}`,
      `It would help with the ${topic}.`,
      randomUUID(),
    ]);
    this.ids.push(id);
  }

  private anyId(): string {
    return this.ids[Math.floor(Math.random() * this.ids.length)] as string;
  }
}
