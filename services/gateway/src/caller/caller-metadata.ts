import type { Caller } from '../auth/access-token.claims';

/**
 * The metadata that tells the services who calls, set here from the verified token and trusted by
 * them as it is. `subject` and `roles` are the names intake reads (its `CALLER_METADATA`); they are
 * spelled out again here because a service may not import another service's code. The others carry
 * the claims voting and notifications need (account age, time zone, wedding date, client address).
 * Names and e-mail addresses are not passed on: no service needs them yet, and headers end up in logs.
 */
export const CALLER_METADATA = {
  subject: 'x-frm-subject',
  roles: 'x-frm-roles',
  supplierType: 'x-frm-supplier-type',
  timeZone: 'x-frm-tz',
  weddingDate: 'x-frm-wedding-date',
  accountCreatedAt: 'x-frm-account-created-at',
  clientAddress: 'x-frm-client-ip',
  userAgent: 'x-frm-user-agent',
} as const;

/** Every key with this prefix is the gateway's to set: whatever a client sends under it is dropped. */
export const RESERVED_METADATA_PREFIX = 'x-frm-';

// gRPC metadata values must be printable ASCII; a claim that is not is left out rather than mangled.
const PRINTABLE_ASCII = /^[ -~]*$/;

/** The caller metadata for one call, by key. */
export function callerMetadataOf(caller: Caller, connection: { clientAddress?: string; userAgent?: string }): Record<string, string> {
  const entries: [string, string | number | undefined][] = [
    [CALLER_METADATA.subject, caller.subject],
    [CALLER_METADATA.roles, caller.roles.join(',')],
    [CALLER_METADATA.supplierType, caller.supplierType],
    [CALLER_METADATA.timeZone, caller.timeZone],
    [CALLER_METADATA.weddingDate, caller.weddingDate],
    [CALLER_METADATA.accountCreatedAt, caller.accountCreatedAt],
    [CALLER_METADATA.clientAddress, connection.clientAddress],
    [CALLER_METADATA.userAgent, connection.userAgent],
  ];
  const metadata: Record<string, string> = {};
  for (const [key, value] of entries) {
    if (value !== undefined && PRINTABLE_ASCII.test(String(value))) metadata[key] = String(value);
  }
  return metadata;
}
