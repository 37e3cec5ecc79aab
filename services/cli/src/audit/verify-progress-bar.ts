import { Presets, SingleBar } from 'cli-progress';
import type { VerifyProgress } from '@frm/audit';

/** Verification's progress on stderr, so that stdout stays the verdict alone. */
export class VerifyProgressBar {
  private readonly bar: SingleBar;
  private started = false;

  constructor(log: string, stream: NodeJS.WriteStream = process.stderr) {
    this.bar = new SingleBar(
      {
        format: `audit log ${log} [{bar}] {value}/{total} entries | ETA {eta_formatted}`,
        stream,
        hideCursor: true,
        // Without a terminal (CI logs, a pipe) one line every few seconds instead of redrawing.
        noTTYOutput: !stream.isTTY,
        notTTYSchedule: 2_000,
      },
      Presets.shades_classic,
    );
  }

  update(progress: VerifyProgress): void {
    if (!this.started) {
      this.bar.start(progress.total, progress.checked);
      this.started = true;
      return;
    }
    this.bar.setTotal(progress.total);
    this.bar.update(progress.checked);
  }

  stop(): void {
    if (this.started) this.bar.stop();
  }
}
