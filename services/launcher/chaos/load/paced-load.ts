import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { errorCodesText, type LoadRecorder } from './load-recorder';

export interface PacedCall {
  readonly operation: string;
  readonly code: Promise<string>;
}

export interface PacedLoadOptions {
  /** Calls per second; may be changed while it runs with {@link PacedLoad.setRate}. */
  readonly rate: number;
  readonly call: (index: number) => PacedCall;
  readonly recorder: LoadRecorder;
  readonly label: string;
  readonly log: (line: string) => void;
  readonly progressEveryMs?: number;
}

/**
 * Open-loop load: call i is due at a fixed pace and is sent when due whether or not the earlier
 * ones have been answered; its latency counts from when it was due (no coordinated omission). Logs
 * a progress line every few seconds: the rate answered, p95 and errors of the last interval.
 */
export class PacedLoad {
  private rate: number;
  private label: string;
  private index = 0;
  private inFlight = 0;
  private stopped = false;
  private readonly pending = new Set<Promise<void>>();
  private readonly loop: Promise<void>;
  private readonly progressTimer: NodeJS.Timeout;
  private lastProgress = performance.now();
  // The load generator's own stalls: a call it sends late is counted from when it was due anyway.
  private readonly loopDelay: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });

  constructor(private readonly options: PacedLoadOptions) {
    this.rate = options.rate;
    this.label = options.label;
    this.loopDelay.enable();
    this.loop = this.run();
    this.progressTimer = setInterval(() => this.progress(), options.progressEveryMs ?? 5_000);
  }

  get sent(): number {
    return this.index;
  }

  setRate(rate: number, label = this.label): void {
    this.rate = rate;
    this.label = label;
  }

  /** Stops sending; resolves once every call sent has been answered. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
    clearInterval(this.progressTimer);
    this.loopDelay.disable();
    await Promise.all(this.pending);
  }

  private async run(): Promise<void> {
    let due = performance.now();
    while (!this.stopped) {
      const now = performance.now();
      while (due <= now && !this.stopped) {
        this.send(due);
        due += 1000 / this.rate;
      }
      await new Promise((wake) => setTimeout(wake, Math.max(1, due - performance.now())));
    }
  }

  private send(due: number): void {
    const { operation, code } = this.options.call(this.index++);
    this.inFlight++;
    const done = code
      .catch((error: unknown) => `CLIENT_ERROR:${error instanceof Error ? error.message : String(error)}`)
      .then((result) => {
        const endedAt = performance.now();
        this.options.recorder.add({ operation, code: result, latencyMs: endedAt - due, endedAt });
      })
      .finally(() => {
        this.inFlight--;
        this.pending.delete(done);
      });
    this.pending.add(done);
  }

  private progress(): void {
    const now = performance.now();
    const figures = this.options.recorder.figures(this.lastProgress, now);
    this.lastProgress = now;
    this.options.log(
      `[${this.label}] offered ${this.rate}/s, answered ${figures.perSecond}/s (OK ${figures.okPerSecond}/s), ` +
        `p50 ${figures.p50Ms} ms, p95 ${figures.p95Ms} ms, in flight ${this.inFlight}, errors: ${errorCodesText(figures.codes)}; ` +
        `load generator's longest stall ${Math.round(this.loopDelay.max / 1e6)} ms`,
    );
    this.loopDelay.reset();
  }
}
