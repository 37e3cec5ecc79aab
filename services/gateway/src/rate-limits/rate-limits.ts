/** How many gRPC calls a minute the gateway lets through. */
export interface RateLimits {
  /** From one client address (`FRM_RATE_LIMIT_PER_IP`, default 100). */
  readonly perIpPerMinute: number;
  /** By one user, the access token's `sub`, from any address (`FRM_RATE_LIMIT_PER_USER`, default 500). */
  readonly perUserPerMinute: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { perIpPerMinute: 100, perUserPerMinute: 500 };

/** Which limit a call ran into: its client address's or its user's. */
export type LimitKind = 'ip' | 'user';

export const LIMIT_KINDS: readonly LimitKind[] = ['ip', 'user'];

/** The limits given, each one left out (or `undefined`) at its default. */
export function rateLimitsWith(given: Partial<RateLimits> = {}): RateLimits {
  return {
    perIpPerMinute: given.perIpPerMinute ?? DEFAULT_RATE_LIMITS.perIpPerMinute,
    perUserPerMinute: given.perUserPerMinute ?? DEFAULT_RATE_LIMITS.perUserPerMinute,
  };
}
