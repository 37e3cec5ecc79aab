import type { Position } from '@frm/event-store';
import { quoteIdent, type SqlDatabase } from '@frm/postgres';

/** Where the services' relays keep their checkpoints, one row per relay, in the event store's database. */
export const RELAY_CHECKPOINT_SCHEMA = 'relay';

const UNDEFINED_TABLE = '42P01';
// unique_violation (on the catalog), duplicate_schema, duplicate_table.
const CREATE_RACE_CODES = new Set(['23505', '42P06', '42P07']);

interface CheckpointRow {
  commit: string;
  prepare: string;
}

/**
 * Each relay's checkpoint, one row per relay name: every event up to it is acknowledged by Kafka.
 * It may live in any database (it need not be the event store's).
 */
export class RelayCheckpoints {
  private readonly table: string;
  private readonly statementSuffix: string;

  /** @param schema holds the `relay_checkpoints` table; the connection's search path when not given */
  constructor(
    private readonly db: SqlDatabase,
    schema?: string,
  ) {
    this.table = schema ? `${quoteIdent(schema)}.relay_checkpoints` : 'relay_checkpoints';
    this.statementSuffix = schema ?? '';
  }

  async install(): Promise<void> {
    const schema = this.statementSuffix ? `create schema if not exists ${quoteIdent(this.statementSuffix)};` : '';
    const install = () =>
      this.db.exec(`${schema} create table if not exists ${this.table} (
        relay text primary key,
        commit_position numeric(20) not null,
        prepare_position numeric(20) not null,
        updated_at timestamptz not null default now()
      )`);
    try {
      await install();
    } catch (error) {
      // "if not exists" is not atomic: two installers at once may both try to create; the loser's second try finds it.
      if (!CREATE_RACE_CODES.has((error as { code?: string }).code ?? '')) throw error;
      await install();
    }
  }

  /** The relay's checkpoint; `undefined` before its first batch (also before {@link install}). */
  async read(relay: string): Promise<Position | undefined> {
    let rows: CheckpointRow[];
    try {
      rows = await this.db.query<CheckpointRow>(
        `select commit_position::text as commit, prepare_position::text as prepare from ${this.table} where relay = $1`,
        [relay],
      );
    } catch (error) {
      if ((error as { code?: unknown }).code === UNDEFINED_TABLE) return undefined;
      throw error;
    }
    const [row] = rows;
    return row ? { commit: BigInt(row.commit), prepare: BigInt(row.prepare) } : undefined;
  }

  /** Every relay's checkpoint, by relay name; empty before any relay's first batch. */
  async list(): Promise<Map<string, Position>> {
    let rows: Array<CheckpointRow & { relay: string }>;
    try {
      rows = await this.db.query(`select relay, commit_position::text as commit, prepare_position::text as prepare from ${this.table} order by relay`);
    } catch (error) {
      if ((error as { code?: unknown }).code === UNDEFINED_TABLE) return new Map();
      throw error;
    }
    return new Map(rows.map((row) => [row.relay, { commit: BigInt(row.commit), prepare: BigInt(row.prepare) }]));
  }

  /**
   * Moves the checkpoint forward, never back: a second relay of the same name that lags behind
   * (a deployment overlap) then only publishes duplicates, it cannot make the first one repeat work.
   */
  async advance(relay: string, position: Position): Promise<void> {
    await this.db.query(
      `insert into ${this.table} as stored (relay, commit_position, prepare_position) values ($1, $2, $3)
       on conflict (relay) do update
         set commit_position = excluded.commit_position, prepare_position = excluded.prepare_position, updated_at = now()
         where (stored.commit_position, stored.prepare_position) < (excluded.commit_position, excluded.prepare_position)`,
      [relay, position.commit.toString(), position.prepare.toString()],
      { preparedAs: `frm_relay_advance_${this.statementSuffix}` },
    );
  }

  /** Sets the checkpoint anywhere, also back (to publish again from there); `undefined` removes it. */
  async reset(relay: string, position: Position | undefined): Promise<void> {
    if (!position) {
      await this.db.query(`delete from ${this.table} where relay = $1`, [relay]);
      return;
    }
    await this.db.query(
      `insert into ${this.table} (relay, commit_position, prepare_position) values ($1, $2, $3)
       on conflict (relay) do update
         set commit_position = excluded.commit_position, prepare_position = excluded.prepare_position, updated_at = now()`,
      [relay, position.commit.toString(), position.prepare.toString()],
    );
  }
}
