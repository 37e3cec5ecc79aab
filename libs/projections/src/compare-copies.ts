import type { JsonValue, Position } from '@frm/event-store';
import { quoteIdent, type SqlQueryable } from '@frm/postgres';
import { checksumTables, type ProjectionChecksum, type TableChecksum } from './projection-checksum';

/** One table whose rows differ between the live copy and a copy rebuilt from the events. */
export interface TableDifference {
  table: string;
  /** `undefined` when the table exists only in the rebuilt copy. */
  live: TableChecksum | undefined;
  /** `undefined` when the table exists only in the live copy. */
  rebuilt: TableChecksum | undefined;
  /** Up to {@link SAMPLE_ROWS} rows (as JSON) that only the live copy has: changed or extra rows. */
  onlyInLive: JsonValue[];
  /** Up to {@link SAMPLE_ROWS} rows that only the rebuilt copy has: what the live rows should be. */
  onlyInRebuilt: JsonValue[];
}

export interface VerifyReport {
  projection: string;
  /** The live schema that was checked. */
  schema: string;
  /** Both copies were compared with every event up to here applied. */
  checkpoint: Position;
  matches: boolean;
  live: ProjectionChecksum;
  rebuilt: ProjectionChecksum;
  differences: TableDifference[];
}

export const SAMPLE_ROWS = 20;

export async function compareCopies(
  q: SqlQueryable,
  projection: string,
  liveSchema: string,
  rebuiltSchema: string,
  checkpoint: Position,
): Promise<VerifyReport> {
  const live = await checksumTables(q, liveSchema);
  const rebuilt = await checksumTables(q, rebuiltSchema);
  const names = [...new Set([...live.tables, ...rebuilt.tables].map((t) => t.table))].sort();
  const differences: TableDifference[] = [];
  for (const table of names) {
    const liveTable = live.tables.find((t) => t.table === table);
    const rebuiltTable = rebuilt.tables.find((t) => t.table === table);
    if (liveTable && rebuiltTable && liveTable.checksum === rebuiltTable.checksum) continue;
    differences.push({
      table,
      live: liveTable,
      rebuilt: rebuiltTable,
      onlyInLive: liveTable ? await rowsMissingFrom(q, liveSchema, rebuiltTable ? rebuiltSchema : undefined, table) : [],
      onlyInRebuilt: rebuiltTable ? await rowsMissingFrom(q, rebuiltSchema, liveTable ? liveSchema : undefined, table) : [],
    });
  }
  return { projection, schema: liveSchema, checkpoint, matches: differences.length === 0, live, rebuilt, differences };
}

async function rowsMissingFrom(q: SqlQueryable, schema: string, other: string | undefined, table: string): Promise<JsonValue[]> {
  const rowsOf = (s: string) => `select to_jsonb(t) as row_json from ${quoteIdent(s)}.${quoteIdent(table)} t`;
  const sql = other ? `select row_json from (${rowsOf(schema)} except all ${rowsOf(other)}) difference limit ${SAMPLE_ROWS}` : `${rowsOf(schema)} limit ${SAMPLE_ROWS}`;
  return (await q.query<{ row_json: JsonValue }>(sql)).map((r) => r.row_json);
}
