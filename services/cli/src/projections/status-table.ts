import type { ProjectionHealthRow } from '@frm/projections';

const COLUMNS: ReadonlyArray<[header: string, cell: (row: ProjectionHealthRow) => string]> = [
  ['PROJECTION', (row) => row.projection],
  ['VERSION', (row) => String(row.version)],
  ['SCHEMA', (row) => row.schema],
  ['CHECKPOINT', (row) => row.checkpoint ?? '-'],
  ['HEAD', (row) => row.head ?? '-'],
  ['LAG', (row) => String(row.lag)],
  ['WAITING', (row) => (row.lagSeconds === 0 ? '-' : `${row.lagSeconds.toFixed(1)} s`)],
  ['STATE', (row) => row.state],
];

/** Aligned columns for a terminal, one projection a line. */
export function statusTable(rows: readonly ProjectionHealthRow[]): string {
  const cells = [COLUMNS.map(([header]) => header), ...rows.map((row) => COLUMNS.map(([, cell]) => cell(row)))];
  const widths = COLUMNS.map((_, column) => Math.max(...cells.map((line) => (line[column] ?? '').length)));
  return cells.map((line) => line.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()).join('\n');
}
