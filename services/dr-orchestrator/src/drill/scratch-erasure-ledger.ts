import { reapplyErasureLedgerTo } from '@frm/compliance';
import type { EventStore } from '@frm/event-store';
import type { Logger } from '@frm/logging';
import { quoteIdent, type SqlDatabase } from '@frm/postgres';
import type { DrillSchemas } from './drill-schemas';
import type { LedgerReport } from './drill-report';

export interface LedgerReapplyOptions {
  readonly db: SqlDatabase;
  readonly liveLedgerSchema: string;
  readonly schemas: DrillSchemas;
  /** The restored store, wrapped as the services write it. */
  readonly restored: EventStore;
  readonly logger: Logger;
  readonly onProgress: (done: number, total: number) => void;
}

/**
 * Re-applies compliance's erasure ledger to the restored store, as a real restore must before the
 * services take calls. It works on a copy of the ledger, an empty key table and an audit log of its
 * own, all scratch: re-applying marks unfinished erasures completed in the ledger it is given, and
 * doing that to the live ledger would stop the live service from finishing them.
 */
export async function reapplyLedgerToRestoredStore(options: LedgerReapplyOptions): Promise<LedgerReport> {
  const { db, liveLedgerSchema: schema, schemas } = options;
  const tables = await tablesOf(db, schema);
  if (!tables.length) {
    return {
      applied: false,
      schema,
      note: `There is no erasure ledger in schema "${schema}", so there was nothing to re-apply (nobody erased yet, or the ledger is elsewhere: set the ledger schema)`,
    };
  }
  const total = await copyLedger(db, schema, schemas.ledger, tables);
  options.onProgress(0, total);
  const result = await reapplyErasureLedgerTo(
    { db, eventStore: options.restored, logger: options.logger, keySchema: schemas.keys, ledgerSchema: schemas.ledger, auditSchema: schemas.audit },
    { onProgress: (done) => options.onProgress(done, Math.max(done, total)) },
  );
  return { applied: true, schema, entries: result.entries, keysDeleted: result.keysDeleted, eventsAppended: result.eventsAppended };
}

async function tablesOf(db: SqlDatabase, schema: string): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = $1 and c.relkind in ('r', 'p') and not c.relispartition order by c.relname`,
    [schema],
  );
  return rows.map((row) => row.name);
}

/**
 * Copies every table of the ledger as one snapshot, whatever tables compliance keeps there.
 * @returns the erasures copied (0 when the ledger has no `erasures` table)
 */
async function copyLedger(db: SqlDatabase, from: string, to: string, tables: readonly string[]): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query('set transaction isolation level repeatable read');
    await tx.query(`create schema ${quoteIdent(to)}`);
    let erasures = 0;
    for (const table of tables) {
      const [source, target] = [`${quoteIdent(from)}.${quoteIdent(table)}`, `${quoteIdent(to)}.${quoteIdent(table)}`];
      // No defaults: one naming a live sequence would be advanced by the copy's inserts.
      await tx.query(`create table ${target} (like ${source} including constraints including indexes)`);
      const [copied] = await tx.query<{ rows: number }>(`with copied as (insert into ${target} select * from ${source} returning 1) select count(*)::int as rows from copied`);
      if (table === 'erasures') erasures = copied?.rows ?? 0;
    }
    return erasures;
  });
}
