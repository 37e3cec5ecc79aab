import type { Logger } from '@frm/logging';

/** One unit of background work: how much it did, or `undefined` when there was nothing to do. */
export type Step = () => Promise<number | undefined>;

const IDLE_MS = 150;
const RETRY_MS = 1_000;

/**
 * Runs the steps in turn for as long as any of them finds work, then looks again every
 * {@link IDLE_MS}; a failed step is logged and tried again a second later (the database may be
 * restarting). Each step awaits its own I/O, so the service keeps answering in between.
 */
export class BackgroundWork {
  private stopped = false;
  private running: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private passes = 0;
  private idleWaiters: { readonly after: number; readonly resolve: () => void }[] = [];

  constructor(
    private readonly name: string,
    private readonly steps: readonly Step[],
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
  }

  /** Resolves once a pass that began after this call found nothing to do (for tests and benchmarks). */
  untilIdle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push({ after: this.passes, resolve });
      this.wake?.();
    });
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      const pass = ++this.passes;
      let worked = false;
      try {
        for (const step of this.steps) {
          if (this.stopped) return;
          if ((await step()) !== undefined) worked = true;
        }
        failures = 0;
      } catch (error) {
        failures++;
        if (failures === 1 || failures % 60 === 0) this.logger.warn({ err: error, failures }, `${this.name} failed; trying again in ${RETRY_MS / 1000} s`);
        await this.pause(RETRY_MS);
        continue;
      }
      if (worked) continue;
      const waiting = this.idleWaiters;
      this.idleWaiters = waiting.filter(({ after }) => after >= pass);
      for (const waiter of waiting) if (waiter.after < pass) waiter.resolve();
      await this.pause(IDLE_MS);
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
