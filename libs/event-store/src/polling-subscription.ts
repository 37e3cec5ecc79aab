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
// How long after the last wake-up an empty read still means "held back" rather than "idle".
const HELD_BACK_PATIENCE_MS = 250;

/**
 * Delivers pages in order, awaiting the handler before reading on. When idle it sleeps until woken.
 * A read that finds nothing soon after a wake-up means the new events are held back behind an older
 * transaction that is still running: often not an append at all (a checkpoint update, another
 * projection's batch), whose end wakes nobody. So it keeps retrying every few milliseconds until
 * the patience runs out, and only then backs off towards the idle poll.
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
    let lastWokenAt = Date.now();
    const batchSize = this.options.batchSize ?? 500;
    while (!this.stopped) {
      const seen = this.wakeUp.generation;
      const page = await this.readPage(checkpoint, this.options.filter, batchSize);
      if (!page.last) {
        const woken = await this.wakeUp.wait(retryMs, seen);
        if (woken) lastWokenAt = Date.now();
        const heldBack = Date.now() - lastWokenAt < HELD_BACK_PATIENCE_MS;
        retryMs = heldBack ? FIRST_RETRY_MS : Math.min(IDLE_POLL_MS, retryMs * 4);
        continue;
      }
      retryMs = FIRST_RETRY_MS;
      if (this.stopped) return;
      await this.options.onBatch({ events: page.events, checkpoint: page.last });
      checkpoint = page.last;
    }
  }
}
