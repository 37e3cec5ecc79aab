import type { SubjectExport } from './export-assembler';

/** What `frm compliance export` prints on stdout once the folder is complete. */
export interface ExportReport {
  readonly exportId: string;
  readonly subjectId: string;
  readonly requestId: string;
  readonly records: number;
  readonly tables: Readonly<Record<string, number>>;
  readonly files: readonly string[];
  readonly outDir: string;
}

export function exportReportOf(subjectExport: SubjectExport, requestId: string, files: readonly string[], outDir: string): ExportReport {
  return {
    exportId: subjectExport.exportId,
    subjectId: subjectExport.subjectId,
    requestId,
    records: subjectExport.recordCount,
    tables: Object.fromEntries([...subjectExport.tables].map(([table, rows]) => [table, rows.length])),
    files,
    outDir,
  };
}

/** One line for people. */
export function describeExport(report: ExportReport): string {
  const tables = Object.keys(report.tables).length;
  return (
    `exported ${plural(report.records, 'record')} of subject ${report.subjectId} in ${plural(tables, 'table')} ` +
    `to ${report.outDir}: ${report.files.join(', ')} (export ${report.exportId})`
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
