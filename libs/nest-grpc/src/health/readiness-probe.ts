/**
 * Resolves when the service can do its work (its database answers…), rejects with the reason when
 * not. Run on each health check, so keep it to one cheap round trip (`select 1`).
 */
export type ReadinessProbe = () => Promise<void>;

/** Runs `probe` within `timeoutMs`; resolves with why it failed, or `undefined` when it passed. */
export async function runReadinessProbe(probe: ReadinessProbe, timeoutMs: number): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`the readiness probe did not answer within ${timeoutMs} ms`), timeoutMs);
  });
  try {
    return await Promise.race([
      probe().then(
        () => undefined,
        (error: unknown) => (error instanceof Error ? error.message : String(error)) || 'the readiness probe failed',
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
