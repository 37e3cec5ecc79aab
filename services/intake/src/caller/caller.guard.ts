import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { callerFromMetadata } from '@frm/caller';
import { PermissionDeniedError } from '@frm/grpc-errors';
import { INTAKE_ACCESS_POLICY, type IntakeRpc } from './access-policy';

/**
 * Refuses a call before its handler runs: UNAUTHENTICATED without a caller, PERMISSION_DENIED
 * when the caller's roles may not call the RPC. An RPC missing from the policy is refused to all.
 */
@Injectable()
export class CallerGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const caller = callerFromMetadata(context.switchToRpc().getContext());
    const rpc = context.getHandler().name;
    const allowed = Object.hasOwn(INTAKE_ACCESS_POLICY, rpc) ? INTAKE_ACCESS_POLICY[rpc as IntakeRpc] : [];
    if (!caller.roles.some((role) => allowed.includes(role))) {
      throw new PermissionDeniedError(
        allowed.length === 0 ? `${protoName(rpc)} may not be called` : `${protoName(rpc)} needs one of the roles ${allowed.join(', ')}`,
      );
    }
    return true;
  }
}

function protoName(method: string): string {
  return method.charAt(0).toUpperCase() + method.slice(1);
}
