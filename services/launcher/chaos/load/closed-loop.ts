import { LoadRecorder, type LoadFigures } from './load-recorder';
import type { PacedCall } from './paced-load';

/**
 * `concurrency` callers, each making its next call as soon as the last one is answered, for
 * `seconds`: the most the system answers at that concurrency. Logs a line every 5 s.
 */
export async function runClosedLoop(
  concurrency: number,
  seconds: number,
  call: (index: number) => PacedCall,
  label: string,
  log: (line: string) => void,
): Promise<LoadFigures> {
  const recorder = new LoadRecorder();
  const started = performance.now();
  const end = started + seconds * 1000;
  let index = 0;
  let reported = started;
  const progress = setInterval(() => {
    const now = performance.now();
    const figures = recorder.figures(reported, now);
    reported = now;
    log(`[${label} ×${concurrency}] ${figures.perSecond}/s answered (OK ${figures.okPerSecond}/s), p50 ${figures.p50Ms} ms, p95 ${figures.p95Ms} ms`);
  }, 5_000);
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < end) {
          const sent = performance.now();
          const { operation, code } = call(index++);
          const result = await code.catch((error: unknown) => `CLIENT_ERROR:${error instanceof Error ? error.message : String(error)}`);
          const endedAt = performance.now();
          recorder.add({ operation, code: result, latencyMs: endedAt - sent, endedAt });
        }
      }),
    );
  } finally {
    clearInterval(progress);
  }
  return recorder.figures(started, performance.now());
}
