import type { SubscribeOptions, Subscription } from '../event-store.port';
import type { Position } from '../events';
import { ReadableQueue, type ItemStream } from './readable-queue';
import { toSubscriptionBatch, type SubscriptionItem } from './subscription-batch';

/** The client's subscription to `$all`, or anything that yields the same items. */
export interface SubscriptionSource extends ItemStream {
  unsubscribe(): Promise<void>;
  destroy(): unknown;
}

/** Opens the source for the events after `after` (all of them without it). */
export type OpenSubscriptionSource = (after: Position | undefined) => SubscriptionSource;

export const DEFAULT_BATCH_SIZE = 500;

/**
 * Feeds a subscription to `$all` to the handler in batches of up to `batchSize` scanned records.
 * It takes the next batch only after the handler's promise settled; meanwhile the stream's buffer
 * fills and gRPC flow control holds the server back.
 */
export class EventStoreDbSubscription implements Subscription {
  readonly done: Promise<void>;
  private stopped = false;
  private queue: ReadableQueue<SubscriptionItem> | undefined;

  /** `start` resolves to the exclusive starting point, `undefined` for the start of the log. */
  constructor(start: Promise<Position | undefined>, openSource: OpenSubscriptionSource, options: SubscribeOptions) {
    this.done = this.run(start, openSource, options);
    // Callers may only await `stop()`; the rejection is still reported through `done`.
    this.done.catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.queue?.interrupt();
    await this.done.catch(() => undefined);
  }

  private async run(start: Promise<Position | undefined>, openSource: OpenSubscriptionSource, options: SubscribeOptions): Promise<void> {
    const after = await start;
    if (this.stopped) return;
    const source = openSource(after);
    const queue = new ReadableQueue<SubscriptionItem>(source);
    this.queue = queue;
    try {
      await this.deliver(queue, after, options);
    } finally {
      await source.unsubscribe().catch(() => undefined);
      source.destroy();
    }
  }

  private async deliver(queue: ReadableQueue<SubscriptionItem>, after: Position | undefined, options: SubscribeOptions): Promise<void> {
    const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
    let checkpoint = after;
    while (!this.stopped) {
      const items = queue.take(batchSize);
      if (items.length === 0) {
        if (queue.ended) {
          if (this.stopped) return;
          throw new Error('EventStoreDB ended the subscription to $all; subscribe again from the last checkpoint');
        }
        await queue.waitForMore();
        continue;
      }
      const batch = toSubscriptionBatch(items, checkpoint, options.filter);
      if (!batch || this.stopped) continue;
      await options.onBatch(batch);
      checkpoint = batch.checkpoint;
    }
  }
}
