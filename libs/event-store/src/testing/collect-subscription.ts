import type { EventStore, SubscribeOptions, Subscription } from '../event-store.port';
import type { Position, RecordedEvent } from '../events';

export interface CollectedSubscription {
  subscription: Subscription;
  events: RecordedEvent[];
  checkpoints: Position[];
  /** Resolves once `predicate` holds for the events received so far; rejects after `timeoutMs`. */
  until(predicate: (events: RecordedEvent[]) => boolean, timeoutMs?: number): Promise<RecordedEvent[]>;
}

/** Subscribes and records every delivered event, for tests. */
export function collectSubscription(
  store: EventStore,
  options: Omit<SubscribeOptions, 'onBatch'>,
): CollectedSubscription {
  const events: RecordedEvent[] = [];
  const checkpoints: Position[] = [];
  let changed: () => void = () => undefined;
  const subscription = store.subscribeToAll({
    ...options,
    onBatch: async (batch) => {
      events.push(...batch.events);
      checkpoints.push(batch.checkpoint);
      changed();
    },
  });
  const until = async (predicate: (events: RecordedEvent[]) => boolean, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(events)) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`Subscription did not deliver the expected events within ${timeoutMs} ms (got ${events.length})`);
      await Promise.race([
        new Promise<void>((resolve) => (changed = resolve)),
        new Promise<void>((resolve) => setTimeout(resolve, Math.min(remaining, 100))),
        subscription.done.then(() => {
          throw new Error(`Subscription stopped after ${events.length} events, before the expected ones arrived`);
        }),
      ]);
    }
    return events;
  };
  return { subscription, events, checkpoints, until };
}
