import { stringify } from 'csv-stringify/sync';
import type { ExportedRow } from './export-assembler';

/** A table of records as columns and cells: the union of the records' keys, in the order first seen. */
export interface CsvTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}

export function csvTableOf(records: readonly ExportedRow[]): CsvTable {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const record of records) {
    for (const key of Object.keys(record)) {
      if (seen.has(key)) continue;
      seen.add(key);
      columns.push(key);
    }
  }
  return { columns, rows: records.map((record) => columns.map((column) => record[column])) };
}

/**
 * RFC 4180 text (CRLF, quoted where needed) with a header line. Nested values are JSON text; a
 * missing value or null is an empty cell. A text cell that a spreadsheet would run as a formula
 * gets a leading apostrophe (export.json keeps the exact text).
 */
export function csvOf(table: CsvTable): string {
  return stringify([...table.rows] as unknown[][], {
    header: true,
    columns: [...table.columns],
    record_delimiter: 'windows',
    escape_formulas: true,
    cast: {
      boolean: (value) => String(value),
      object: (value) => JSON.stringify(value),
    },
  });
}
