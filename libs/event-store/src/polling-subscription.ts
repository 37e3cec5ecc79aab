import type { EventFilter, SubscribeOptions, Subscription } from './event-store.port';
import type { Position, RecordedEvent } from './events';
import type { WakeUp } from './wake-up';

export interface ScannedPage {
  /** Events that pass the filter. */
  events: RecordedEvent[];
  /** Position of the last event scanned, matching or not; `undefined` when nothing new was there. */
  last: Position | undefined;
}

export type ReadPage = (after: Position, filter: EventFilter | undefined, limit: number) => Promise<ScannedPage>;

const IDLE_POLL_MS = 1_000;
const FIRST_RETRY_MS = 5;

/**
 * Delivers pages in order, awaiting the handler before reading on. When idle it sleeps until woken;
 * right after a wake-up that found nothing it retries quickly, because an event can be committed yet
 * held back behind an older transaction that is still running.
 */
export class PollingSubscription implements Subscription {
  readonly done: Promise<void>;
  private stopped = false;

  constructor(
    private readonly readPage: ReadPage,
    private readonly wakeUp: WakeUp,
    start: Promise<Position>,
    private readonly options: SubscribeOptions,
  ) {
    this.done = start.then((from) => this.run(from));
    // Callers may only await `stop()`; the rejection is still reported through `done`.
    this.done.catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeUp.notify();
    await this.done.catch(() => undefined);
  }

  private async run(from: Position): Promise<void> {
    let checkpoint = from;
    let retryMs = FIRST_RETRY_MS;
    const batchSize = this.options.batchSize ?? 500;
    while (!this.stopped) {
      const page = await this.readPage(checkpoint, this.options.filter, batchSize);
      if (!page.last) {
        const woken = await this.wakeUp.wait(retryMs);
        retryMs = woken ? FIRST_RETRY_MS : Math.min(IDLE_POLL_MS, retryMs * 4);
        continue;
      }
      retryMs = FIRST_RETRY_MS;
      if (this.stopped) return;
      await this.options.onBatch({ events: page.events, checkpoint: page.last });
      checkpoint = page.last;
    }
  }
}
