import { Presets, SingleBar } from 'cli-progress';

/**
 * A progress bar on stderr, so that stdout stays a command's result alone. It starts at its first
 * `show`; without a terminal (CI logs, a pipe) it writes one line every few seconds instead of
 * redrawing. After `stop`, the next `show` starts a new bar (a new phase of the work).
 */
export class StderrBar<Payload extends object = object> {
  private readonly bar: SingleBar;
  private started = false;

  /** @param format cli-progress's format: `{bar}`, `{value}`, `{total}`, `{eta_formatted}` and the payload's fields */
  constructor(format: string, stream: NodeJS.WriteStream = process.stderr) {
    this.bar = new SingleBar({ format, stream, hideCursor: true, noTTYOutput: !stream.isTTY, notTTYSchedule: 2_000 }, Presets.shades_classic);
  }

  show(done: number, total: number, payload?: Payload): void {
    if (!this.started) {
      this.bar.start(total, done, payload);
      this.started = true;
      return;
    }
    this.bar.setTotal(total);
    this.bar.update(done, payload);
  }

  get isShown(): boolean {
    return this.started;
  }

  stop(): void {
    if (this.started) this.bar.stop();
    this.started = false;
  }
}
