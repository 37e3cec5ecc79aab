import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@frm/logging';

export interface DispatchLoopOptions {
  readonly name: string;
  /** One round of work; resolves to whether there may be more at once (a full batch). */
  readonly round: () => Promise<boolean>;
  /** How long to wait after a round that found nothing more. */
  readonly idleMs: number;
  readonly logger: Logger;
}

/**
 * Runs rounds of a dispatcher until stopped: back to back while there is work, every `idleMs`
 * otherwise. A failed round (the database is away) is logged and retried after a pause that grows
 * to 30 s, so a long outage neither floods the log nor ends the loop.
 */
export class DispatchLoop {
  private running = false;
  private done: Promise<void> = Promise.resolve();
  private readonly stopper = new AbortController();

  constructor(private readonly options: DispatchLoopOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.done = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopper.abort();
    await this.done;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      let more = false;
      try {
        more = await this.options.round();
        failures = 0;
      } catch (error) {
        failures += 1;
        this.options.logger.error({ err: error, dispatcher: this.options.name }, `the ${this.options.name} dispatcher failed a round (${failures} in a row); it tries again`);
      }
      if (!this.running) break;
      const pause = failures > 0 ? Math.min(30_000, 500 * 2 ** (failures - 1)) : more ? 0 : this.options.idleMs;
      if (pause > 0) await sleep(pause, undefined, { signal: this.stopper.signal }).catch(() => undefined);
    }
  }
}
