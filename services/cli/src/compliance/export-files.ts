import type { ExportPlan } from './export-plan';
import type { SubjectExport } from './export-assembler';
import { csvOf, csvTableOf } from './export-csv';

export const EXPORT_DOCUMENT = 'export.json';

/** A file of an export's folder and its whole text. */
export interface ExportFile {
  readonly name: string;
  readonly content: string;
}

/** export.json as one document, then one `<table>.csv` per table, in table order. */
export function exportFilesOf(subjectExport: SubjectExport, plan: Pick<ExportPlan, 'requestId' | 'regime'>): ExportFile[] {
  const tables = [...subjectExport.tables];
  const document = {
    exportId: subjectExport.exportId,
    subjectId: subjectExport.subjectId,
    requestId: plan.requestId,
    regime: plan.regime,
    exportTime: subjectExport.exportTime.toISOString(),
    summary: {
      recordCount: subjectExport.recordCount,
      tables: Object.fromEntries(tables.map(([table, rows]) => [table, rows.length])),
    },
    tables: Object.fromEntries(tables),
  };
  return [
    { name: EXPORT_DOCUMENT, content: `${JSON.stringify(document, null, 2)}\n` },
    ...tables.map(([table, rows]) => ({ name: `${table}.csv`, content: csvOf(csvTableOf(rows)) })),
  ];
}
