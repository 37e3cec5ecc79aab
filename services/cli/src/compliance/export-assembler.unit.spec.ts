import type { frmV1 } from '@frm/contracts';
import { CliError } from '../cli-error';
import { ExportAssembler } from './export-assembler';

const subjectId = '3f0c6a51-7a53-4a9f-9a53-2b0a7c2c1d11';
const exportId = 'a4f1c2d3-0b1e-5c6d-8e9f-112233445566';
const exportTime = { seconds: '1767225600', nanos: 0 };

function chunk(records: [string, object][], summary: frmV1.ExportSummary | null = null, overrides: Partial<frmV1.ExportSubjectDataChunk> = {}): frmV1.ExportSubjectDataChunk {
  return {
    exportId,
    subjectId,
    records: records.map(([table, row], index) => ({ table, id: `${table}-${index}`, json: JSON.stringify({ watermark: exportId, ...row }) })),
    summary,
    ...overrides,
  };
}

const summaryOf = (tables: Record<string, number>): frmV1.ExportSummary => ({
  recordCount: Object.values(tables).reduce((sum, count) => sum + count, 0),
  tables: Object.entries(tables).map(([table, recordCount]) => ({ table, recordCount })),
  exportTime,
});

describe('ExportAssembler', () => {
  it('gathers the records of every chunk by table, in table order, with the summary’s time', () => {
    const assembler = new ExportAssembler(subjectId);
    assembler.add(chunk([['votes', { featureRequestId: 'r1' }], ['comments', { body: 'Yes please' }]]));
    expect({ records: assembler.recordCount, tables: assembler.tableCount }).toEqual({ records: 2, tables: 2 });
    assembler.add(chunk([['votes', { featureRequestId: 'r2' }]], summaryOf({ comments: 1, votes: 2 })));

    const done = assembler.finish();
    expect(done).toMatchObject({ exportId, subjectId, recordCount: 3, exportTime: new Date('2026-01-01T00:00:00Z') });
    expect([...done.tables.keys()]).toEqual(['comments', 'votes']);
    expect(done.tables.get('votes')).toEqual([
      { watermark: exportId, featureRequestId: 'r1' },
      { watermark: exportId, featureRequestId: 'r2' },
    ]);
  });

  it('takes an export of nothing: one chunk with an empty summary', () => {
    const assembler = new ExportAssembler(subjectId);
    assembler.add(chunk([], summaryOf({})));
    expect(assembler.finish()).toMatchObject({ recordCount: 0, tables: new Map() });
  });

  it.each([
    ['a stream without its last chunk', [chunk([['votes', {}]])], /ended before the last chunk/],
    ['a summary that counts other records', [chunk([['votes', {}]], summaryOf({ votes: 2 }))], /counts 2 records, 1 arrived/],
    ['a summary that counts another table', [chunk([['votes', {}]], { ...summaryOf({ comments: 1 }) })], /counts 1 records in comments, 0 arrived/],
  ])('refuses %s when finished', (_, chunks, message) => {
    const assembler = new ExportAssembler(subjectId);
    for (const part of chunks) assembler.add(part);
    expect(() => assembler.finish()).toThrow(CliError);
    expect(() => assembler.finish()).toThrow(message);
  });

  it.each([
    ['another export', chunk([], null, { exportId: 'b0000000-0000-4000-8000-000000000000' }), /belongs to export b0000000/],
    ['another subject', chunk([], null, { subjectId: 'c0000000-0000-4000-8000-000000000000' }), /about subject c0000000/],
    ['a table name that is a path', chunk([['../../etc/passwd', {}]]), /no table name/],
    ['a record that is no JSON object', { ...chunk([]), records: [{ table: 'votes', id: 'v1', json: '[1, 2]' }] }, /v1 of votes is not a JSON object/],
    ['a record that is no JSON', { ...chunk([]), records: [{ table: 'votes', id: 'v1', json: '{' }] }, /v1 of votes is not JSON/],
  ])('refuses a chunk of %s', (_, bad, message) => {
    const assembler = new ExportAssembler(subjectId);
    assembler.add(chunk([['votes', {}]]));
    expect(() => assembler.add(bad)).toThrow(message);
  });

  it('refuses a chunk after the last one', () => {
    const assembler = new ExportAssembler(subjectId);
    assembler.add(chunk([], summaryOf({})));
    expect(() => assembler.add(chunk([]))).toThrow(/after the last one/);
  });
});
