import type { SqlQueryable } from '@frm/postgres';
import type { ProjectionSchema } from '@frm/projections';

/** The half-life (ms) the read model's trend terms were made with; `undefined` before it is built (or a version that kept none). */
export async function storedTrendHalfLife(db: SqlQueryable, schema: ProjectionSchema): Promise<number | undefined> {
  const settings = schema.table('settings');
  const [table] = await db.query<{ found: boolean }>(`select to_regclass($1) is not null as found`, [settings]);
  if (!table?.found) return undefined;
  const [row] = await db.query<{ trend_half_life_ms: string }>(`select trend_half_life_ms::text from ${settings}`);
  return row === undefined ? undefined : Number(row.trend_half_life_ms);
}
