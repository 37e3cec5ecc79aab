import { backoffDelayMs, pause, type BackoffPolicy } from './backoff';

/** Ends a retry loop because its owner is stopping; the work it was doing is left undone. */
export class StopRequested extends Error {
  override readonly name = 'StopRequested';
  constructor() {
    super('Stopped before the work was done');
  }
}

export interface UntilDoneOptions {
  /** Stops retrying (with {@link StopRequested}) once it fires. */
  readonly signal: AbortSignal;
  readonly backoff?: BackoffPolicy;
  /** Told of each failure before the wait, e.g. to log it or to replace a broken client. */
  onFailure?(error: unknown, failures: number, delayMs: number): void | Promise<void>;
}

/**
 * Runs `attempt` until it succeeds, backing off between failures. Only stopping ends it early, by
 * rejecting with {@link StopRequested}: the caller then must not act as if the work were done.
 */
export async function untilDone<T>(attempt: () => Promise<T>, options: UntilDoneOptions): Promise<T> {
  for (let failures = 1; ; failures++) {
    try {
      return await attempt();
    } catch (error) {
      if (options.signal.aborted) throw new StopRequested();
      const delayMs = backoffDelayMs(failures, options.backoff);
      await options.onFailure?.(error, failures, delayMs);
      await pause(delayMs, options.signal);
      if (options.signal.aborted) throw new StopRequested();
    }
  }
}
