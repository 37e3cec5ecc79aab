import { runAtRate, type PacedRun } from './open-loop';
import { startProgress } from './progress';
import { runConcurrently, type ConcurrentRun } from './run-concurrently';

/** {@link runConcurrently} with a progress bar named `label ×concurrency` on stderr. */
export async function measureConcurrently(label: string, total: number, concurrency: number, operation: (i: number) => Promise<unknown>): Promise<ConcurrentRun> {
  const progress = startProgress(`${label} ×${concurrency}`, total);
  try {
    return await runConcurrently(total, concurrency, operation, progress);
  } finally {
    progress.stop();
  }
}

/** {@link runAtRate} with a progress bar named `label @rate/s` on stderr. */
export async function measureAtRate(label: string, total: number, rate: number, operation: (i: number) => Promise<unknown>): Promise<PacedRun> {
  const progress = startProgress(`${label} @${rate}/s`, total);
  try {
    return await runAtRate(total, rate, operation, progress);
  } finally {
    progress.stop();
  }
}

/** The latency figures of a measured run beside its baseline's, for a report line. */
export function latencySummary(measured: ConcurrentRun, baseline: ConcurrentRun): Record<string, number> {
  const round = (value: number) => Math.round(value * 100) / 100;
  return { p50Ms: round(measured.p50Ms), p99Ms: round(measured.p99Ms), baselineP50Ms: round(baseline.p50Ms), baselineP99Ms: round(baseline.p99Ms) };
}
