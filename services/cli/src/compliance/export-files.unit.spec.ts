import type { SubjectExport } from './export-assembler';
import { exportFilesOf } from './export-files';
import { describeExport, exportReportOf } from './export-report';

const subjectExport: SubjectExport = {
  exportId: 'a4f1c2d3-0b1e-5c6d-8e9f-112233445566',
  subjectId: '3f0c6a51-7a53-4a9f-9a53-2b0a7c2c1d11',
  exportTime: new Date('2026-01-01T00:00:00Z'),
  recordCount: 3,
  tables: new Map([
    ['comments', [{ watermark: 'w', body: 'Yes' }]],
    ['votes', [{ watermark: 'w', featureRequestId: 'r1' }, { watermark: 'w', featureRequestId: 'r2', weight: 1 }]],
  ]),
};
const plan = { requestId: '11111111-2222-4333-8444-555555555555', regime: 'gdpr' as const };

describe('exportFilesOf', () => {
  it('writes export.json with the summary and every table, then a CSV file per table', () => {
    const files = exportFilesOf(subjectExport, plan);
    expect(files.map((file) => file.name)).toEqual(['export.json', 'comments.csv', 'votes.csv']);
    expect(JSON.parse(files[0]?.content ?? '')).toEqual({
      exportId: subjectExport.exportId,
      subjectId: subjectExport.subjectId,
      requestId: plan.requestId,
      regime: 'gdpr',
      exportTime: '2026-01-01T00:00:00.000Z',
      summary: { recordCount: 3, tables: { comments: 1, votes: 2 } },
      tables: { comments: [{ watermark: 'w', body: 'Yes' }], votes: [{ watermark: 'w', featureRequestId: 'r1' }, { watermark: 'w', featureRequestId: 'r2', weight: 1 }] },
    });
    expect(files[2]?.content).toBe('watermark,featureRequestId,weight\r\nw,r1,\r\nw,r2,1\r\n');
  });
});

describe('describeExport', () => {
  it('sums the export up in one line', () => {
    const report = exportReportOf(subjectExport, plan.requestId, ['export.json', 'comments.csv', 'votes.csv'], '/srv/out');
    expect(report).toMatchObject({ records: 3, tables: { comments: 1, votes: 2 }, outDir: '/srv/out' });
    expect(describeExport(report)).toBe(
      `exported 3 records of subject ${subjectExport.subjectId} in 2 tables to /srv/out: export.json, comments.csv, votes.csv (export ${subjectExport.exportId})`,
    );
  });
});
