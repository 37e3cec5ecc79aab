import { InvalidArgumentError, PermissionDeniedError } from '@frm/grpc-errors';
import { clearExport, type ExportAsk } from './export-guard.policy';

const me = 'a0000000-0000-4000-8000-000000000001';
const other = 'b0000000-0000-4000-8000-000000000002';
const limits = { bulkRecords: 1000, bulkPerHour: 2 };
const own: ExportAsk = { callerId: me, callerRoles: ['couple'], subjectId: me, recordCount: 1000, reason: '' };

describe('clearExport', () => {
  it('lets a person export their own data up to the limit, without a reason', () => {
    expect(clearExport(own, limits)).toEqual({ bulk: false });
  });

  it("makes another person's data a bulk export: admin only, with a reason", () => {
    expect(() => clearExport({ ...own, subjectId: other }, limits)).toThrow(PermissionDeniedError);
    expect(() => clearExport({ ...own, subjectId: other, callerRoles: ['product'] }, limits)).toThrow(/admin role/);
    expect(() => clearExport({ ...own, subjectId: other, callerRoles: ['admin'] }, limits)).toThrow(InvalidArgumentError);
    expect(clearExport({ ...own, subjectId: other, callerRoles: ['admin'], reason: 'subject asked by post' }, limits)).toEqual({ bulk: true, why: 'another_subject' });
  });

  it('makes more records than the limit a bulk export, even of one’s own data', () => {
    expect(() => clearExport({ ...own, recordCount: 1001 }, limits)).toThrow(/more than 1000 records \(this one has 1001\)/);
    expect(() => clearExport({ ...own, recordCount: 1001, callerRoles: ['admin'] }, limits)).toThrow(/reason: is required/);
    expect(clearExport({ ...own, recordCount: 1001, callerRoles: ['admin'], reason: 'audit' }, limits)).toEqual({ bulk: true, why: 'record_count' });
  });
});
