import { timestampFromDate, type frmV1 } from '@frm/contracts';
import { countByTable, exportedRecord, type SerializedRecord } from './export-records';

// Few, large messages: each one costs the stream (and the gateway) a round of framing and flow
// control. A chunk stays far below the 4 MiB a gRPC client receives by default.
const RECORDS_PER_CHUNK = 1000;
const BYTES_PER_CHUNK = 1024 * 1024;

/** The export's records in chunks, each carrying the export's id; the last one (the only one when there are none) with the summary. */
export function* exportChunks(records: readonly SerializedRecord[], exportId: string, subjectId: string, at: Date): Generator<frmV1.ExportSubjectDataChunk> {
  let start = 0;
  do {
    const end = chunkEnd(records, start);
    const last = end >= records.length;
    yield {
      exportId,
      subjectId,
      records: records.slice(start, end).map(exportedRecord),
      summary: last ? { recordCount: records.length, tables: countByTable(records), exportTime: timestampFromDate(at) } : null,
    };
    start = end;
  } while (start < records.length);
}

/** Where the chunk from `start` ends: at least one record, then as many as fit its limits. */
function chunkEnd(records: readonly SerializedRecord[], start: number): number {
  let end = start + 1;
  let bytes = records[start]?.json.length ?? 0;
  for (; end < records.length && end - start < RECORDS_PER_CHUNK; end++) {
    bytes += (records[end] as SerializedRecord).json.length;
    if (bytes > BYTES_PER_CHUNK) break;
  }
  return Math.min(end, records.length);
}
