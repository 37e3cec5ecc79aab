import { dateFromTimestamp, type frmV1 } from '@frm/contracts';
import { CliError } from '../cli-error';

/** One exported record: the JSON object compliance sent. */
export type ExportedRow = Readonly<Record<string, unknown>>;

/** A whole export, as its last chunk vouched for it. */
export interface SubjectExport {
  /** The watermark every record carries. */
  readonly exportId: string;
  readonly subjectId: string;
  readonly exportTime: Date;
  readonly recordCount: number;
  /** By table name, in name order. */
  readonly tables: ReadonlyMap<string, readonly ExportedRow[]>;
}

// Table names become file names: anything else could write outside the export's folder.
const TABLE_NAME = /^[a-z][a-z0-9_]{0,62}$/;

/**
 * Gathers the chunks of one export and checks them: one export id, the subject asked for, records
 * that are JSON objects, and a last chunk whose summary matches what arrived. No I/O.
 */
export class ExportAssembler {
  private exportId: string | undefined;
  private summary: frmV1.ExportSummary | undefined;
  private readonly tables = new Map<string, ExportedRow[]>();
  private received = 0;

  constructor(private readonly subjectId: string) {}

  get recordCount(): number {
    return this.received;
  }

  get tableCount(): number {
    return this.tables.size;
  }

  add(chunk: frmV1.ExportSubjectDataChunk): void {
    if (this.summary) throw streamError('a chunk arrived after the last one');
    if (chunk.subjectId.toLowerCase() !== this.subjectId) throw streamError(`a chunk is about subject ${chunk.subjectId}, not ${this.subjectId}`);
    this.exportId ??= chunk.exportId;
    if (chunk.exportId !== this.exportId) throw streamError(`a chunk belongs to export ${chunk.exportId}, not ${this.exportId}`);
    for (const record of chunk.records) this.addRecord(record);
    if (chunk.summary) this.summary = chunk.summary;
  }

  /** The export once its last chunk has arrived and agrees with the records. */
  finish(): SubjectExport {
    const { summary, exportId } = this;
    if (!summary || exportId === undefined) throw streamError('the stream ended before the last chunk');
    if (summary.recordCount !== this.received) throw streamError(`the summary counts ${summary.recordCount} records, ${this.received} arrived`);
    for (const { table, recordCount } of summary.tables) {
      const arrived = this.tables.get(table)?.length ?? 0;
      if (arrived !== recordCount) throw streamError(`the summary counts ${recordCount} records in ${table}, ${arrived} arrived`);
    }
    if (!summary.exportTime) throw streamError('the last chunk has no export time');
    const names = [...this.tables.keys()].sort();
    return {
      exportId,
      subjectId: this.subjectId,
      exportTime: dateFromTimestamp(summary.exportTime),
      recordCount: this.received,
      tables: new Map(names.map((name) => [name, this.tables.get(name) ?? []])),
    };
  }

  private addRecord(record: frmV1.ExportedRecord): void {
    if (!TABLE_NAME.test(record.table)) throw streamError(`record ${record.id} names the table "${record.table.slice(0, 80)}", which is no table name`);
    const row = jsonObjectOf(record);
    const rows = this.tables.get(record.table);
    if (rows) rows.push(row);
    else this.tables.set(record.table, [row]);
    this.received += 1;
  }
}

function jsonObjectOf(record: frmV1.ExportedRecord): ExportedRow {
  let parsed: unknown;
  try {
    parsed = JSON.parse(record.json);
  } catch {
    throw streamError(`record ${record.id} of ${record.table} is not JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw streamError(`record ${record.id} of ${record.table} is not a JSON object`);
  return parsed as ExportedRow;
}

function streamError(problem: string): CliError {
  return new CliError(`the export stream is not whole: ${problem}; nothing was written. Run the same command again`);
}
