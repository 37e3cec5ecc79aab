import { exportChunks } from './export-chunks';
import { exportedRecord } from './export-records';

const at = new Date('2026-06-01T10:00:00Z');
const record = (i: number, size = 10) => ({ table: i % 2 ? 'votes' : 'comments', id: `r${i}`, json: Buffer.from(JSON.stringify({ i, text: 'é'.repeat(size / 2) })) });

describe('exportChunks', () => {
  it('sends an export without records as one chunk with its summary', () => {
    expect([...exportChunks([], 'x1', 's1', at)]).toEqual([{ exportId: 'x1', subjectId: 's1', records: [], summary: { recordCount: 0, tables: [], exportTime: expect.anything() } }]);
  });

  it('sends every record once, in order, a thousand at most a chunk, the summary on the last chunk only', () => {
    const records = Array.from({ length: 2500 }, (_, i) => record(i));
    const chunks = [...exportChunks(records, 'x1', 's1', at)];
    expect(chunks.map((chunk) => chunk.records.length)).toEqual([1000, 1000, 500]);
    expect(chunks.flatMap((chunk) => chunk.records)).toEqual(records.map(exportedRecord));
    expect(chunks[0]?.records[1]).toEqual({ table: 'votes', id: 'r1', json: JSON.stringify({ i: 1, text: 'ééééé' }) });
    expect(chunks.map((chunk) => chunk.summary?.recordCount)).toEqual([undefined, undefined, 2500]);
    expect(chunks.at(-1)?.summary?.tables).toEqual([
      { table: 'comments', recordCount: 1250 },
      { table: 'votes', recordCount: 1250 },
    ]);
    expect(chunks.every((chunk) => chunk.exportId === 'x1' && chunk.subjectId === 's1')).toBe(true);
  });

  it('keeps a chunk of large records within a mebibyte, and sends a larger record on its own', () => {
    const records = [record(0, 400_000), record(1, 400_000), record(2, 400_000), record(3, 2_000_000), record(4, 10)];
    const chunks = [...exportChunks(records, 'x1', 's1', at)];
    expect(chunks.map((chunk) => chunk.records.map((r) => r.id))).toEqual([['r0', 'r1'], ['r2'], ['r3'], ['r4']]);
  });
});
