import { quoteIdent, type SqlQueryable } from '@frm/postgres';
import { CHECKPOINT_TABLE } from './checkpoint-table';
import { dropSchema } from './install-projection';
import type { ProjectionSchemaNames } from './projection-schema';

/**
 * Makes the shadow copy the live one by renaming schemas inside the caller's transaction, which
 * holds the projection lock: readers resolve the live schema name to one complete copy or the
 * other, never to a mix, and no runner batch can run in between.
 */
export async function swapIn(tx: SqlQueryable, names: ProjectionSchemaNames): Promise<void> {
  await tx.query(`update ${quoteIdent(names.shadow)}.${quoteIdent(CHECKPOINT_TABLE)} set build_id = null, updated_at = now()`);
  await dropSchema(tx, names.retired);
  const [live] = await tx.query<{ exists: boolean }>(`select exists (select 1 from pg_namespace where nspname = $1) as exists`, [names.live]);
  if (live?.exists) await tx.query(`alter schema ${quoteIdent(names.live)} rename to ${quoteIdent(names.retired)}`);
  await tx.query(`alter schema ${quoteIdent(names.shadow)} rename to ${quoteIdent(names.live)}`);
}
