import { PermissionDeniedError, UnauthenticatedError } from '@frm/grpc-errors';
import { isUuid, ROLES, type Actor } from '../feature-requests/domain';

/**
 * The gRPC metadata that says who calls: set by the gateway from the verified access token, and
 * trusted here as it is. The service must therefore be reachable only through the gateway (it
 * listens on 127.0.0.1 by default), and the gateway must drop these keys from what clients send.
 */
export const CALLER_METADATA = {
  /** The token's `sub`: the caller's UUID. */
  subject: 'x-frm-subject',
  /** The token's `roles`, comma-separated: couple, supplier, product, admin. */
  roles: 'x-frm-roles',
} as const;

interface MetadataLike {
  get(key: string): ReadonlyArray<string | Buffer>;
}

/** The metadata that makes a call on behalf of `actor` (the gateway's side, and tests'). */
export function callerMetadataOf(actor: Actor): Record<string, string> {
  return { [CALLER_METADATA.subject]: actor.subject, [CALLER_METADATA.roles]: actor.roles.join(',') };
}

/**
 * The caller of a gRPC call. UNAUTHENTICATED without a subject (the call did not come through the
 * gateway); PERMISSION_DENIED when it holds none of the known roles. Unknown roles are ignored.
 */
export function callerFromMetadata(metadata: unknown): Actor {
  const subject = firstValue(metadata, CALLER_METADATA.subject)?.trim() ?? '';
  if (subject === '') {
    throw new UnauthenticatedError(
      `the call says nobody is calling: ${CALLER_METADATA.subject} is missing; call through the gateway with an access token`,
    );
  }
  if (!isUuid(subject)) {
    throw new UnauthenticatedError(`${CALLER_METADATA.subject} must be the caller's UUID; call through the gateway with an access token`);
  }
  const named = (firstValue(metadata, CALLER_METADATA.roles) ?? '').split(',').map((role) => role.trim().toLowerCase());
  const roles = ROLES.filter((role) => named.includes(role));
  if (roles.length === 0) throw new PermissionDeniedError(`the caller holds none of the roles ${ROLES.join(', ')}`);
  return { subject: subject.toLowerCase(), roles };
}

function firstValue(metadata: unknown, key: string): string | undefined {
  if (typeof (metadata as Partial<MetadataLike> | null)?.get !== 'function') return undefined;
  const value = (metadata as MetadataLike).get(key)[0];
  return typeof value === 'string' ? value : undefined;
}
