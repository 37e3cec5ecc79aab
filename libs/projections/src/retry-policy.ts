import { setTimeout as sleep } from 'node:timers/promises';

/** How a runner or rebuild retries a batch that failed. */
export interface RetryPolicy {
  /** Attempts at one failing event before the projection stops in front of it (default 5). */
  maxAttempts?: number;
  /** Wait before the first retry; it doubles with each attempt (default 100 ms). */
  initialDelayMs?: number;
  /** Longest wait between attempts (default 5 s). */
  maxDelayMs?: number;
}

export const DEFAULT_RETRY_POLICY: Required<RetryPolicy> = { maxAttempts: 5, initialDelayMs: 100, maxDelayMs: 5_000 };

/** Exponential backoff with ±20 % jitter, so competing runners do not retry in lockstep. */
export function retryDelayMs(attempt: number, policy: Required<RetryPolicy>, random: () => number = Math.random): number {
  const exponential = policy.initialDelayMs * 2 ** Math.max(0, attempt - 1);
  return Math.round(Math.min(policy.maxDelayMs, exponential) * (0.8 + 0.4 * random()));
}

/** Waits `ms`, or less when `signal` fires; never rejects. */
export async function pause(ms: number, signal: AbortSignal): Promise<void> {
  await sleep(ms, undefined, { signal }).catch(() => undefined);
}
