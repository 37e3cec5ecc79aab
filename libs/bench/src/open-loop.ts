import { percentile } from './latency';
import type { Progress } from './progress';

export interface PacedRun {
  operations: number;
  errors: number;
  firstError: string | undefined;
  offeredPerSecond: number;
  elapsedMs: number;
  /** Completed operations per second, from the first send to the last completion. */
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** The most operations in flight at once. */
  maxInFlight: number;
}

/**
 * Open-loop pacing: operation i is due at start + i / rate, and is sent when due whether or not the
 * earlier ones have finished. Its latency is counted from when it was due, not from when it was sent,
 * so a stalled client or server cannot hide queueing (no coordinated omission).
 */
export async function runAtRate(
  total: number,
  ratePerSecond: number,
  operation: (index: number) => Promise<unknown>,
  progress?: Progress,
): Promise<PacedRun> {
  const intervalMs = 1000 / ratePerSecond;
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let inFlight = 0;
  let maxInFlight = 0;
  let lastDone = 0;
  const calls: Promise<void>[] = [];
  const started = performance.now();
  for (let index = 0; index < total; index++) {
    const due = started + index * intervalMs;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((wake) => setTimeout(wake, wait));
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    calls.push(
      operation(index).then(
        () => {
          const now = performance.now();
          latencies.push(now - due);
          lastDone = Math.max(lastDone, now);
        },
        (error: unknown) => {
          errors++;
          firstError ??= error instanceof Error ? error.message : String(error);
          lastDone = Math.max(lastDone, performance.now());
        },
      ).finally(() => {
        inFlight--;
        progress?.increment();
      }),
    );
  }
  await Promise.all(calls);
  const elapsedMs = lastDone - started;
  return {
    operations: total,
    errors,
    firstError,
    offeredPerSecond: ratePerSecond,
    elapsedMs,
    perSecond: (latencies.length * 1000) / elapsedMs,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.reduce((a, b) => Math.max(a, b), 0),
    maxInFlight,
  };
}
