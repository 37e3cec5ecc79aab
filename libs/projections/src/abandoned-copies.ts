import type { SqlDatabase } from '@frm/postgres';
import { readCheckpointIfExists } from './checkpoint-table';
import { dropSchema } from './install-projection';
import { lockProjection } from './projection-lock';
import { projectionSchemaNames } from './projection-schema';

/**
 * Drops the copies a rebuild or verification left when its process died: a shadow, scratch or
 * retired schema of `liveSchema` not written for `staleAfterMs` (a running build writes every
 * batch). The live copy is never touched. Returns the schemas dropped.
 */
export async function dropAbandonedCopies(db: SqlDatabase, liveSchema: string, staleAfterMs = 60_000): Promise<string[]> {
  const { shadow, scratch, retired } = projectionSchemaNames(liveSchema);
  const dropped: string[] = [];
  for (const schema of [shadow, scratch, retired]) {
    const gone = await db.transaction(async (tx) => {
      await lockProjection(tx, schema);
      const [found] = await tx.query<{ exists: boolean }>('select exists (select 1 from pg_namespace where nspname = $1) as exists', [schema]);
      if (!found?.exists) return false;
      const checkpoint = await readCheckpointIfExists(tx, schema, { recentWithinMs: staleAfterMs });
      if (checkpoint?.recent && schema !== retired) return false;
      await dropSchema(tx, schema);
      return true;
    });
    if (gone) dropped.push(schema);
  }
  return dropped;
}
