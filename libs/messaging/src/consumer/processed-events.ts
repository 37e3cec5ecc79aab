import { quoteIdent, type SqlDatabase, type SqlQueryable } from '@frm/postgres';

/**
 * The event ids each consumer has handled. Recording an id in the same transaction as the work it
 * caused makes redelivery harmless: a second delivery finds the id and does nothing.
 */
export class ProcessedEvents {
  private readonly table: string;
  private readonly statementSuffix: string;

  /** @param schema holds the `processed_events` table; the connection's search path when not given */
  constructor(schema?: string) {
    this.table = schema ? `${quoteIdent(schema)}.processed_events` : 'processed_events';
    this.statementSuffix = schema ?? '';
  }

  async install(db: SqlDatabase): Promise<void> {
    const schema = this.statementSuffix ? `create schema if not exists ${quoteIdent(this.statementSuffix)};` : '';
    await db.exec(`${schema} create table if not exists ${this.table} (
      consumer text not null,
      event_id text not null,
      processed_at timestamptz not null default now(),
      primary key (consumer, event_id)
    )`);
  }

  /**
   * Records the ids not recorded yet for `consumer` and returns those: the events to handle now.
   * An id given twice counts once. Only takes effect if `tx` commits.
   */
  async claim(tx: SqlQueryable, consumer: string, eventIds: readonly string[]): Promise<Set<string>> {
    const rows = await tx.query<{ event_id: string }>(
      `insert into ${this.table} (consumer, event_id) select $1, unnest($2::text[])
       on conflict do nothing returning event_id`,
      [consumer, eventIds],
      { preparedAs: `frm_processed_claim_${this.statementSuffix}` },
    );
    return new Set(rows.map((row) => row.event_id));
  }
}
