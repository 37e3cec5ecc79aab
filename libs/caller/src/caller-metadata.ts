/**
 * The gRPC metadata that says who calls and from where: set by the gateway from the verified access
 * token and the connection, and trusted by the services as it is. A service must therefore be
 * reachable only through the gateway, and the gateway drops every key under
 * {@link RESERVED_METADATA_PREFIX} that a client sends.
 */
export const CALLER_METADATA = {
  /** The token's `sub`: the caller's UUID. */
  subject: 'x-frm-subject',
  /** The token's known roles, comma-separated. */
  roles: 'x-frm-roles',
  supplierType: 'x-frm-supplier-type',
  /** IANA time zone. */
  timeZone: 'x-frm-tz',
  /** YYYY-MM-DD. */
  weddingDate: 'x-frm-wedding-date',
  /** Seconds since the epoch. */
  accountCreatedAt: 'x-frm-account-created-at',
  clientAddress: 'x-frm-client-ip',
  userAgent: 'x-frm-user-agent',
  deviceFingerprint: 'x-frm-device-fingerprint',
} as const;

/** Every key with this prefix is the gateway's to set: whatever a client sends under it is dropped. */
export const RESERVED_METADATA_PREFIX = 'x-frm-';
