import { PermissionDeniedError } from '@frm/grpc-errors';
import { assertMayActFor } from './may-act-for';

const me = 'a0000000-0000-4000-8000-000000000001';
const other = 'b0000000-0000-4000-8000-000000000002';

describe('assertMayActFor', () => {
  it('lets a person act on their own data, and an admin on anybody’s', () => {
    expect(() => assertMayActFor({ subject: me, roles: ['couple'] }, me, 'Export')).not.toThrow();
    expect(() => assertMayActFor({ subject: me, roles: ['admin'] }, other, 'Export')).not.toThrow();
  });

  it('refuses anybody else, staff included, naming the admin role', () => {
    expect(() => assertMayActFor({ subject: me, roles: ['product', 'supplier'] }, other, 'Export')).toThrow(PermissionDeniedError);
    expect(() => assertMayActFor({ subject: me, roles: ['couple'] }, other, 'Erasure')).toThrow(/needs the admin role/);
  });
});
