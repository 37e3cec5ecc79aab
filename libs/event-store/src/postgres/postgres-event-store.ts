import { createHash } from 'node:crypto';
import { quoteIdent, type SqlDatabase } from '@frm/postgres';
import { EventIdReusedError, WrongExpectedRevisionError } from '../errors';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import type { EventFilter } from '../event-store.port';
import type { NewEvent, Position, RecordedEvent } from '../events';
import { PollingSubscription, type ScannedPage } from '../polling-subscription';
import { START } from '../position';
import { WakeUp } from '../wake-up';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './event-rows';
import { eventStoreSchemaSql } from './event-store-schema.sql';
import { filterCondition } from './filter-sql';
import { assertAppendable } from '../appendable';

export interface PostgresEventStoreOptions {
  /** Schema that holds the event store's tables (default `event_store`). */
  schema?: string;
}

interface AppendRow {
  outcome: 'appended' | 'duplicate' | 'wrong_expected_revision' | 'event_id_reused';
  revision: string | null;
  commit_position: string | null;
  prepare_position: string | null;
}

const UNIQUE_VIOLATION = '23505';
const MAX_ATTEMPTS = 20;
const NOTIFY_INTERVAL_MS = 10;
const READ_ALL_PATIENCE_MS = 60_000;
const HELD_BACK_MESSAGE =
  'readAll waited 60 s for transactions that were open when it began (in any database of this Postgres server) to end; ' +
  'events committed after them stay held back until they do. Look for long-running or idle-in-transaction sessions in pg_stat_activity';

/**
 * The event store on Postgres — a server through `pg` or the embedded PGlite, whichever
 * {@link SqlDatabase} it is given. Creates its schema on open.
 */
export async function openPostgresEventStore(
  db: SqlDatabase,
  options: PostgresEventStoreOptions = {},
): Promise<EventStore> {
  const schema = options.schema ?? 'event_store';
  await db.exec(eventStoreSchemaSql(schema));
  const store = new PostgresEventStore(db, schema);
  await store.startListening();
  return store;
}

class PostgresEventStore implements EventStore {
  private readonly wakeUp = new WakeUp();
  private readonly table: string;
  private readonly channel: string;
  private unlisten: (() => Promise<void>) | undefined;
  private notifyTimer: NodeJS.Timeout | undefined;
  private readonly subscriptions = new Set<Subscription>();

  constructor(
    private readonly db: SqlDatabase,
    private readonly schema: string,
  ) {
    this.table = `${quoteIdent(schema)}.events`;
    this.channel = `frm_events_${schema}`;
  }

  async startListening(): Promise<void> {
    this.unlisten = await this.db.listen(this.channel, () => this.wakeUp.notify());
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    assertAppendable(streamId, events);
    const expected = typeof options.expectedRevision === 'bigint' ? options.expectedRevision.toString() : options.expectedRevision;
    const payload = JSON.stringify(events.map(({ id, type, data, metadata }) => ({ id: id.toLowerCase(), type, data, metadata: metadata ?? {} })));
    const row = await this.callAppend(streamId, expected, payload);
    switch (row.outcome) {
      case 'appended':
      case 'duplicate':
        if (row.outcome === 'appended') this.announceAppend();
        return {
          nextExpectedRevision: BigInt(row.revision as string),
          position: { commit: BigInt(row.commit_position as string), prepare: BigInt(row.prepare_position as string) },
        };
      case 'wrong_expected_revision':
        throw new WrongExpectedRevisionError(
          streamId,
          options.expectedRevision,
          row.revision === null ? 'none' : BigInt(row.revision),
        );
      case 'event_id_reused':
        throw new EventIdReusedError(
          streamId,
          events.map((e) => e.id),
        );
    }
  }

  private async callAppend(streamId: string, expected: string, payload: string): Promise<AppendRow> {
    const call = async () =>
      (
        await this.db.query<AppendRow>(
          `select outcome, revision::text, commit_position, prepare_position::text
           from ${quoteIdent(this.schema)}.append_to_stream($1, $2, $3::jsonb)`,
          [streamId, expected, payload],
          { preparedAs: `frm_append_${this.schema}` },
        )
      )[0] as AppendRow;
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        if ((error as { hint?: string }).hint === 'frm:event_id_reused') {
          return { outcome: 'event_id_reused', revision: null, commit_position: null, prepare_position: null };
        }
        const violated = uniqueConstraintViolated(error);
        // The other writer committed first. A retried append then finds its own events; a revision
        // check runs again and reports the conflict; with no check the append simply goes after.
        if (!violated || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * Wakes this process's subscribers at once, and other processes' through at most one NOTIFY per
   * {@link NOTIFY_INTERVAL_MS}: a NOTIFY per append would cost a round trip each.
   */
  private announceAppend(): void {
    this.wakeUp.notify();
    if (this.notifyTimer) return;
    this.notifyTimer = setTimeout(() => {
      this.db
        .query(`select pg_notify($1, '')`, [this.channel])
        .catch(() => undefined)
        .finally(() => (this.notifyTimer = undefined));
    }, NOTIFY_INTERVAL_MS);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const params: unknown[] = [streamId];
    let from = '';
    if (options.fromRevision !== undefined) {
      params.push(options.fromRevision.toString());
      from = `and stream_revision ${backwards ? '<=' : '>='} $2::bigint`;
    }
    const limit = options.maxCount !== undefined ? `limit ${Math.max(0, Math.floor(options.maxCount))}` : '';
    const rows = await this.db.query<EventRow>(
      `select ${EVENT_COLUMNS}, data, metadata from ${this.table}
       where stream_id = $1 ${from}
       order by stream_revision ${backwards ? 'desc' : 'asc'} ${limit}`,
      params,
    );
    return rows.map(toRecordedEvent);
  }

  /**
   * Every event committed before the call, in global order. Events behind a transaction that was
   * still running when the read began are held back until it ends (see {@link readPage}), so the
   * read waits for those transactions rather than end early.
   */
  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent[]> {
    let after = options.after ?? START;
    const pageSize = options.pageSize ?? 1_000;
    const [{ horizon } = { horizon: '0' }] = await this.db.query<{ horizon: string }>(`select pg_snapshot_xmax(pg_current_snapshot())::text as horizon`);
    const waitingSince = Date.now();
    let pauseMs = 2;
    for (;;) {
      // Looked at before the page is read: a transaction that ends between the read and the look
      // would otherwise let readAll end without the events it was holding back.
      const passedBeforeRead = await this.passedHorizon(horizon);
      const page = await this.readPage(after, options.filter, pageSize);
      if (!page.last) {
        if (passedBeforeRead) return;
        if (Date.now() - waitingSince > READ_ALL_PATIENCE_MS) throw new Error(HELD_BACK_MESSAGE);
        await new Promise((resume) => setTimeout(resume, pauseMs));
        pauseMs = Math.min(pauseMs * 2, 100);
        continue;
      }
      if (page.events.length) yield page.events;
      after = page.last;
    }
  }

  /** Every transaction that was running when `horizon` was read has ended. */
  private async passedHorizon(horizon: string): Promise<boolean> {
    const [row] = await this.db.query<{ passed: boolean }>(`select pg_snapshot_xmin(pg_current_snapshot()) >= $1::text::xid8 as passed`, [horizon]);
    return row?.passed === true;
  }

  /**
   * The newest committed event. A subscriber may not pass it at once: events behind a transaction
   * that is still running are held back until it ends.
   */
  async headPosition(): Promise<Position | undefined> {
    const rows = await this.db.query<{ commit: string; prepare: string }>(
      `select transaction_id::text as commit, global_position::text as prepare from ${this.table}
       order by transaction_id desc, global_position desc limit 1`,
    );
    const head = rows[0];
    return head ? { commit: BigInt(head.commit), prepare: BigInt(head.prepare) } : undefined;
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    const start: Promise<{ after: Position; history?: string }> =
      options.after === 'end' ? this.endOfHistory() : Promise.resolve({ after: options.after ?? START });
    const subscription = new PollingSubscription(
      async (after, filter, limit) => this.readPage(after, filter, limit, (await start).history),
      this.wakeUp,
      start.then(({ after }) => after),
      options,
    );
    this.subscriptions.add(subscription);
    subscription.done.finally(() => this.subscriptions.delete(subscription)).catch(() => undefined);
    return subscription;
  }

  /**
   * Where a subscription "from the end" starts: after every transaction that had ended when it was
   * made. Transactions still running then are not history, whatever position they commit at; the
   * snapshot tells the two apart among the transactions around its horizon.
   */
  private async endOfHistory(): Promise<{ after: Position; history: string }> {
    const [row] = await this.db.query<{ snapshot: string; horizon: string }>(
      `select pg_current_snapshot()::text as snapshot, pg_snapshot_xmin(pg_current_snapshot())::text as horizon`,
    );
    const { snapshot, horizon } = row as { snapshot: string; horizon: string };
    return { after: { commit: BigInt(horizon) - 1n, prepare: BigInt(Number.MAX_SAFE_INTEGER) }, history: snapshot };
  }

  async close(): Promise<void> {
    clearTimeout(this.notifyTimer);
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.unlisten?.();
  }

  /**
   * Rows after `after` in global order, only from transactions that can no longer commit behind it.
   * Rows of transactions visible in `history` (a snapshot) are scanned but not delivered.
   */
  private async readPage(
    after: Position,
    filter: EventFilter | undefined,
    limit: number,
    history?: string,
  ): Promise<ScannedPage> {
    const condition = filterCondition(filter, 4);
    const params: unknown[] = [after.commit.toString(), after.prepare.toString(), limit, ...(condition?.params ?? [])];
    const parts = condition ? [condition.sql] : [];
    if (history !== undefined) {
      params.push(history);
      parts.push(`not pg_visible_in_snapshot(transaction_id, $${params.length}::pg_snapshot)`);
    }
    const matches = parts.join(' and ');
    const payload = parts.length
      ? `case when ${matches} then data end as data, case when ${matches} then metadata end as metadata, (${matches}) as matched`
      : 'data, metadata';
    const sql = `select ${EVENT_COLUMNS}, ${payload} from ${this.table}
       where (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
         and transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       order by transaction_id, global_position
       limit $3`;
    // Subscriptions run this after every append: parsed and planned once per connection.
    const rows = await this.db.query<EventRow>(sql, params, { preparedAs: preparedName('frm_read_', sql) });
    const lastRow = rows[rows.length - 1];
    if (!lastRow) return { events: [], last: undefined, scanned: 0 };
    const matching = parts.length ? rows.filter((row) => row.matched) : rows;
    return {
      events: matching.map(toRecordedEvent),
      last: { commit: BigInt(lastRow.commit), prepare: BigInt(lastRow.prepare) },
      full: rows.length >= limit,
      scanned: rows.length,
    };
  }
}

function uniqueConstraintViolated(error: unknown): boolean {
  return (error as { code?: string } | undefined)?.code === UNIQUE_VIOLATION;
}

const preparedNames = new Map<string, string>();

/** One statement name per SQL text (a filter or a schema makes another text). */
function preparedName(prefix: string, sql: string): string {
  let name = preparedNames.get(sql);
  if (name === undefined) {
    name = prefix + createHash('sha256').update(sql).digest('hex').slice(0, 24);
    preparedNames.set(sql, name);
  }
  return name;
}
