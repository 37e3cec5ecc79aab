import type { SqlQueryable } from '@frm/postgres';

/**
 * Serialises, until the transaction ends, every writer of one projection's live copy: runner
 * batches (of any process) and the swap of a rebuild. Taken before any table of the copy is named,
 * so a statement that waited for it resolves the schema name after a swap committed.
 */
export async function lockProjection(tx: SqlQueryable, liveSchema: string): Promise<void> {
  await tx.query(`select pg_advisory_xact_lock(hashtext($1))`, [`frm.projection:${liveSchema}`]);
}
