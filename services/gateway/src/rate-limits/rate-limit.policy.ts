import { RateLimitedError } from './rate-limited.error';
import type { LimitKind, RateLimits } from './rate-limits';

/** The window every limit counts in. */
export const LIMIT_WINDOW_SECONDS = 60;

/** How many calls a minute `kind` allows. */
export function perMinuteLimit(kind: LimitKind, limits: RateLimits): number {
  return kind === 'ip' ? limits.perIpPerMinute : limits.perUserPerMinute;
}

/**
 * The refusal of a call over the `kind` limit, which frees up in `msBeforeNext`: whole seconds to
 * wait (at least one, so a client never retries at once), and a message naming the limit.
 */
export function refusalOf(kind: LimitKind, limits: RateLimits, msBeforeNext: number): RateLimitedError {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  const who = kind === 'ip' ? 'from your network address' : 'by your account';
  const message = `too many calls ${who}: the limit is ${perMinuteLimit(kind, limits)} a minute; retry in ${seconds} s`;
  return new RateLimitedError(kind, seconds, message);
}
