import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { callerFromMetadata } from '@frm/caller';
import { PermissionDeniedError } from '@frm/grpc-errors';
import { VOTING_ACCESS_POLICY, type VotingRpc } from './voting-access-policy';

/**
 * Refuses a call before its handler runs: UNAUTHENTICATED without a caller, PERMISSION_DENIED
 * when the caller's roles may not call the RPC. An RPC missing from the policy is refused to all.
 */
@Injectable()
export class VotingCallerGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const caller = callerFromMetadata(context.switchToRpc().getContext());
    const rpc = context.getHandler().name;
    const allowed = Object.hasOwn(VOTING_ACCESS_POLICY, rpc) ? VOTING_ACCESS_POLICY[rpc as VotingRpc] : [];
    if (!caller.roles.some((role) => allowed.includes(role))) {
      const name = rpc.charAt(0).toUpperCase() + rpc.slice(1);
      throw new PermissionDeniedError(allowed.length === 0 ? `${name} may not be called` : `${name} needs one of the roles ${allowed.join(', ')}`);
    }
    return true;
  }
}
