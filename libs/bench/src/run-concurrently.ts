import { percentile } from './latency';
import type { Progress } from './progress';

export interface ConcurrentRun {
  operations: number;
  elapsedMs: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * Runs `operation(i)` for i = 0…total-1 with `concurrency` operations in flight,
 * timing each one and the whole run.
 */
export async function runConcurrently(
  total: number,
  concurrency: number,
  operation: (index: number) => Promise<unknown>,
  progress?: Progress,
): Promise<ConcurrentRun> {
  const latencies = new Array<number>(total);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, total) }, async () => {
      for (let index = next++; index < total; index = next++) {
        const t0 = performance.now();
        await operation(index);
        latencies[index] = performance.now() - t0;
        progress?.increment();
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  return {
    operations: total,
    elapsedMs,
    perSecond: (total * 1000) / elapsedMs,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}
