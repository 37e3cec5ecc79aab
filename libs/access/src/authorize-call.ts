import type { Role } from '@frm/caller';
import { PermissionDeniedError } from '@frm/grpc-errors';
import { RPC_ACCESS } from './rpc-access.table';

/**
 * Lets the call through when one of the caller's roles may call `rpc` (`package.Service/Method`)
 * according to `table`; otherwise `PERMISSION_DENIED`, naming the roles that would do.
 */
export function authorizeCall(rpc: string, roles: readonly Role[], table: Readonly<Record<string, readonly Role[]>> = RPC_ACCESS): void {
  const allowed = Object.hasOwn(table, rpc) ? (table[rpc] as readonly Role[]) : [];
  if (allowed.length === 0) {
    throw new PermissionDeniedError(`${rpc} is open to nobody: it has no entry in the access table (libs/access/src/rpc-access.table.ts)`);
  }
  if (!roles.some((role) => allowed.includes(role))) {
    throw new PermissionDeniedError(`${rpc} needs one of the roles ${allowed.join(', ')}; the access token has ${roles.join(', ')}`);
  }
}
