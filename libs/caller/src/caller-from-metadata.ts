import { PermissionDeniedError, UnauthenticatedError } from '@frm/grpc-errors';
import type { CallerContext } from './caller-context';
import { CALLER_METADATA } from './caller-metadata';
import { ROLES } from './roles';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WHOLE_NUMBER = /^\d{1,15}$/;
const TEXT_FIELDS = ['supplierType', 'timeZone', 'weddingDate', 'clientAddress', 'userAgent', 'deviceFingerprint'] as const;

interface MetadataLike {
  get(key: string): ReadonlyArray<string | Buffer>;
}

/**
 * The caller of a gRPC call, from the metadata the gateway set (`metadata` is grpc-js `Metadata`;
 * anything else counts as none). UNAUTHENTICATED without a subject or with one that is not a UUID
 * (the call did not come through the gateway); PERMISSION_DENIED when it holds none of the known
 * roles. Unknown roles are ignored; the optional values are left out when absent or malformed.
 */
export function callerFromMetadata(metadata: unknown): CallerContext {
  const subject = firstValue(metadata, CALLER_METADATA.subject) ?? '';
  if (subject === '') {
    throw new UnauthenticatedError(
      `the call says nobody is calling: ${CALLER_METADATA.subject} is missing; call through the gateway with an access token`,
    );
  }
  if (!UUID.test(subject)) {
    throw new UnauthenticatedError(`${CALLER_METADATA.subject} must be the caller's UUID; call through the gateway with an access token`);
  }
  const named = (firstValue(metadata, CALLER_METADATA.roles) ?? '').split(',').map((role) => role.trim().toLowerCase());
  const roles = ROLES.filter((role) => named.includes(role));
  if (roles.length === 0) throw new PermissionDeniedError(`the caller holds none of the roles ${ROLES.join(', ')}`);

  const caller: { -readonly [Field in keyof CallerContext]: CallerContext[Field] } = { subject: subject.toLowerCase(), roles };
  for (const field of TEXT_FIELDS) {
    const value = firstValue(metadata, CALLER_METADATA[field]);
    if (value !== undefined) caller[field] = value;
  }
  const createdAt = firstValue(metadata, CALLER_METADATA.accountCreatedAt);
  if (createdAt !== undefined && WHOLE_NUMBER.test(createdAt)) caller.accountCreatedAt = Number(createdAt);
  return caller;
}

/** The first value under `key`, trimmed; `undefined` when there is none or it is empty. */
function firstValue(metadata: unknown, key: string): string | undefined {
  if (typeof (metadata as Partial<MetadataLike> | null)?.get !== 'function') return undefined;
  const value = (metadata as MetadataLike).get(key)[0];
  const trimmed = typeof value === 'string' ? value.trim() : '';
  return trimmed === '' ? undefined : trimmed;
}
