import { PermissionDeniedError } from '@frm/grpc-errors';
import { authorizeCall } from './authorize-call';

const TABLE = { 'frm.v1.S/Open': ['couple', 'admin'], 'frm.v1.S/Closed': [] } as const;

describe('authorizeCall', () => {
  it('lets a caller through with any one of the allowed roles', () => {
    expect(() => authorizeCall('frm.v1.S/Open', ['supplier', 'admin'], TABLE)).not.toThrow();
  });

  it('refuses the other roles, naming those that would do', () => {
    expect(() => authorizeCall('frm.v1.S/Open', ['supplier'], TABLE)).toThrow(new PermissionDeniedError('frm.v1.S/Open needs one of the roles couple, admin; the access token has supplier'));
    expect(() => authorizeCall('frm.v1.S/Open', [], TABLE)).toThrow(PermissionDeniedError);
  });

  it('fails closed: an RPC missing from the table, or open to nobody, is refused to all', () => {
    for (const rpc of ['frm.v1.S/Missing', 'frm.v1.S/Closed', 'constructor', '__proto__']) {
      expect(() => authorizeCall(rpc, ['admin'], TABLE)).toThrow(/no entry in the access table/);
    }
  });
});
