import type { EventFilter, SubscribeOptions, Subscription } from './event-store.port';
import type { Position, RecordedEvent } from './events';
import { GatherWindow } from './gather-window';
import type { WakeUp } from './wake-up';

export interface ScannedPage {
  /** Events that pass the filter. */
  events: RecordedEvent[];
  /** Position of the last event scanned, matching or not; `undefined` when nothing new was there. */
  last: Position | undefined;
  /** The read stopped at its limit: more events are waiting now. */
  full?: boolean;
  /** How many events the read went through, matching or not. */
  scanned: number;
}

export type ReadPage = (after: Position, filter: EventFilter | undefined, limit: number) => Promise<ScannedPage>;

const IDLE_POLL_MS = 1_000;
const FIRST_RETRY_MS = 5;
// How long after the last wake-up an empty read still means "held back" rather than "idle".
const HELD_BACK_PATIENCE_MS = 250;
/**
 * Delivers pages in order, awaiting the handler before reading on. When idle it sleeps until woken.
 * A caught-up subscriber reads again no sooner than its {@link GatherWindow} after its previous read
 * began; a backlog is read without pause, and the first read after a quiet spell at once.
 * Someone waiting for an event just appended ({@link hurry}) skips the window until a read finds events.
 * A read that finds nothing soon after a wake-up means the new events are held back behind an older
 * transaction that is still running: often not an append at all (a checkpoint update, another
 * projection's batch), whose end wakes nobody. So it keeps retrying, as often as the window allows,
 * until the patience runs out, and only then backs off towards the idle poll.
 */
export class PollingSubscription implements Subscription {
  readonly done: Promise<void>;
  private stopped = false;
  private hurried = false;
  private endPause: (() => void) | undefined;

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
    this.endPause?.();
    await this.done.catch(() => undefined);
  }

  /** The next read does not wait out the gather window: someone waits for an event just appended. */
  hurry(): void {
    this.hurried = true;
    this.endPause?.();
  }

  private async run(from: Position): Promise<void> {
    let checkpoint = from;
    let retryMs = FIRST_RETRY_MS;
    let lastWokenAt = Date.now();
    let lastReadAt = 0;
    let backlog = false;
    let seenAtLastRead = this.wakeUp.generation;
    const gather = new GatherWindow();
    const batchSize = this.options.batchSize ?? 500;
    while (!this.stopped) {
      if (!backlog && !this.hurried) await this.pause(lastReadAt + gather.current - Date.now());
      if (this.stopped) return;
      lastReadAt = Date.now();
      const seen = this.wakeUp.generation;
      const page = await this.readPage(checkpoint, this.options.filter, batchSize);
      backlog = page.full === true;
      // Nothing new since the read before and nothing announced meanwhile: the stream has thinned.
      // (Announced events that are not readable yet are held back, which says nothing of the stream.)
      const quiet = seen === seenAtLastRead;
      seenAtLastRead = seen;
      if (!page.last) {
        if (quiet) gather.foundNothing();
        const woken = await this.wakeUp.wait(retryMs, seen);
        if (woken) lastWokenAt = Date.now();
        const heldBack = Date.now() - lastWokenAt < HELD_BACK_PATIENCE_MS;
        retryMs = heldBack ? FIRST_RETRY_MS : Math.min(IDLE_POLL_MS, retryMs * 4);
        continue;
      }
      // A hurry lasts until a read finds something: the event waited for may be held back at first.
      this.hurried = false;
      gather.found(page.scanned);
      retryMs = FIRST_RETRY_MS;
      if (this.stopped) return;
      await this.options.onBatch({ events: page.events, checkpoint: page.last });
      checkpoint = page.last;
    }
  }

  private async pause(ms: number): Promise<void> {
    if (ms <= 0) return;
    await new Promise<void>((resume) => {
      const timer = setTimeout(end, ms);
      function end(): void {
        clearTimeout(timer);
        resume();
      }
      this.endPause = end;
    });
    this.endPause = undefined;
  }
}
