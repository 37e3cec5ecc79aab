import type { Role } from './roles';

/**
 * Who calls, as a service receives it from the gateway. Names and e-mail addresses are not passed
 * on: no service needs them yet, and metadata ends up in logs.
 */
export interface CallerContext {
  /** The access token's `sub`, a UUID in lower case. */
  readonly subject: string;
  /** The caller's known roles; never empty. */
  readonly roles: readonly Role[];
  readonly supplierType?: string;
  /** IANA time zone. */
  readonly timeZone?: string;
  /** YYYY-MM-DD. */
  readonly weddingDate?: string;
  /** When the account was made, in seconds since the epoch. */
  readonly accountCreatedAt?: number;
  /** The client's IP address as the gateway determined it (behind trusted proxies, from `X-Forwarded-For`). */
  readonly clientAddress?: string;
  readonly userAgent?: string;
  /** The client's `x-device-fingerprint` header. */
  readonly deviceFingerprint?: string;
}

/** What the access token says of the caller. */
export type CallerClaims = Pick<CallerContext, 'subject' | 'roles' | 'supplierType' | 'timeZone' | 'weddingDate' | 'accountCreatedAt'>;

/** What the gateway knows of the caller's connection. */
export type CallerConnection = Pick<CallerContext, 'clientAddress' | 'userAgent' | 'deviceFingerprint'>;
