import { setTimeout as sleep } from 'node:timers/promises';

/** How long to wait between attempts at something that failed. */
export interface BackoffPolicy {
  /** Wait before the first retry; it doubles with each attempt (default 100 ms). */
  initialDelayMs?: number;
  /** Longest wait between attempts (default 5 s). */
  maxDelayMs?: number;
}

export const DEFAULT_BACKOFF: Required<BackoffPolicy> = { initialDelayMs: 100, maxDelayMs: 5_000 };

/** Exponential backoff with ±20 % jitter, so that competing processes do not retry in lockstep. */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy = {}, random: () => number = Math.random): number {
  const { initialDelayMs, maxDelayMs } = { ...DEFAULT_BACKOFF, ...policy };
  const exponential = initialDelayMs * 2 ** Math.max(0, attempt - 1);
  return Math.round(Math.min(maxDelayMs, exponential) * (0.8 + 0.4 * random()));
}

/** Waits `ms`, or less when `signal` fires; never rejects. */
export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
  await sleep(ms, undefined, { signal }).catch(() => undefined);
}
