import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { EventStore, Position, RecordedEvent, Subscription, SubscriptionBatch } from '@frm/event-store';
import { EventApplyError, isFatal, ProjectionStoppedError } from './errors';
import { pause, retryDelayMs, type RetryPolicy } from './retry-policy';

/** Thrown by `applyBatch` after its transaction committed, to end the subscription with `result`. */
export class FinishSubscription<Result> {
  constructor(readonly result: Result) {}
}

/** Thrown by `applyBatch` when the stored checkpoint is behind what was delivered: resubscribe from it. */
export class CheckpointMovedBack extends Error {
  override readonly name = 'CheckpointMovedBack';
}

export interface CheckpointedSubscriptionOptions {
  projection: string;
  eventStore: EventStore;
  eventTypePrefixes: readonly string[];
  batchSize: number;
  retry: Required<RetryPolicy>;
  /** Ends the subscription after the batch in hand; the run then resolves `undefined`. */
  signal: AbortSignal;
  /** The stored checkpoint to (re)subscribe from. */
  readCheckpoint(): Promise<Position>;
  /** Applies one batch in one transaction; `from` is where the subscription stood before it. */
  applyBatch(batch: SubscriptionBatch, from: Position): Promise<void>;
  onRetry?(error: unknown, attempt: number, delayMs: number): void;
  /** Told of each subscription as it starts (a new one after every failure). */
  onSubscribed?(subscription: Subscription): void;
}

/**
 * Follows the event store from the stored checkpoint, resubscribing from the stored checkpoint
 * after every failure: the failed batch rolled back, so the stored checkpoint is the truth. An
 * event that fails `maxAttempts` times in a row ends the run with {@link ProjectionStoppedError}.
 */
export async function runCheckpointedSubscription<Result>(options: CheckpointedSubscriptionOptions): Promise<Result | undefined> {
  let failing: { event: RecordedEvent; attempts: number } | undefined;
  let failures = 0;
  const succeeded = () => {
    failing = undefined;
    failures = 0;
  };
  while (!options.signal.aborted) {
    try {
      return await follow<Result>(options, await options.readCheckpoint(), succeeded);
    } catch (error) {
      if (options.signal.aborted) return undefined;
      if (error instanceof CheckpointMovedBack) continue;
      if (isFatal(error)) throw error;
      if (error instanceof EventApplyError) {
        const attempts = failing?.event.id === error.event.id ? failing.attempts + 1 : 1;
        failing = { event: error.event, attempts };
        if (attempts >= options.retry.maxAttempts) {
          throw new ProjectionStoppedError(options.projection, error.event, attempts, error.cause);
        }
      }
      failures += 1;
      const delayMs = retryDelayMs(failures, options.retry);
      options.onRetry?.(error, failures, delayMs);
      await pause(delayMs, options.signal);
    }
  }
  return undefined;
}

async function follow<Result>(options: CheckpointedSubscriptionOptions, from: Position, succeeded: () => void): Promise<Result | undefined> {
  let position = from;
  const subscription = options.eventStore.subscribeToAll({
    after: from,
    filter: { eventTypePrefixes: options.eventTypePrefixes },
    batchSize: options.batchSize,
    onBatch: async (batch) => {
      await options.applyBatch(batch, position);
      position = batch.checkpoint;
      succeeded();
      // Embedded PGlite answers in microtasks only: without a turn of the event loop between
      // batches, a long catch-up or rebuild would starve every request and reader of this process.
      await yieldToEventLoop();
    },
  });
  options.onSubscribed?.(subscription);
  const stop = () => void subscription.stop();
  options.signal.addEventListener('abort', stop, { once: true });
  try {
    if (options.signal.aborted) stop();
    await subscription.done;
    return undefined;
  } catch (error) {
    if (error instanceof FinishSubscription) return error.result as Result;
    throw error;
  } finally {
    options.signal.removeEventListener('abort', stop);
  }
}
