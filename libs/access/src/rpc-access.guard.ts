import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { callerFromMetadata } from '@frm/caller';
import { authorizeCall } from './authorize-call';
import { RPC_ACCESS } from './rpc-access.table';

interface GrpcPattern {
  readonly service?: string;
  readonly rpc?: string;
}

/**
 * The services' own check of {@link RPC_ACCESS}, after the gateway's: refuses a call before its
 * handler runs — UNAUTHENTICATED without a caller, PERMISSION_DENIED when the caller's roles may not
 * call the RPC. The RPC's name comes from the handler's `@GrpcMethod` registration, so the check
 * cannot drift from what the handler serves.
 */
@Injectable()
export class RpcAccessGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const caller = callerFromMetadata(context.switchToRpc().getContext());
    authorizeCall(rpcNameOf(context.getHandler()), caller.roles, RPC_ACCESS);
    return true;
  }
}

/** `package.Service/Method` of a Nest gRPC handler; an unregistered handler gets a name no table has. */
export function rpcNameOf(handler: object): string {
  const patterns = (Reflect.getMetadata(PATTERN_METADATA, handler) ?? []) as GrpcPattern[];
  const pattern = patterns.find((candidate) => candidate.service && candidate.rpc);
  // ts-proto registers handlers under the controller's method names (`castVote`); proto says `CastVote`.
  const rpc = pattern?.rpc ? pattern.rpc.charAt(0).toUpperCase() + pattern.rpc.slice(1) : undefined;
  return pattern && rpc ? `${pattern.service}/${rpc}` : 'unregistered handler';
}
