import { Presets, SingleBar } from 'cli-progress';
import type { RotationProgress } from '@frm/pii';

/** The rotation's progress on stderr, so that stdout stays the summary alone. */
export class RotationProgressBar {
  private readonly bar: SingleBar;
  private started = false;

  constructor(masterKeyVersion: string, stream: NodeJS.WriteStream = process.stderr) {
    this.bar = new SingleBar(
      {
        format: `re-wrapping under ${masterKeyVersion} [{bar}] {value}/{total} data keys | ETA {eta_formatted}`,
        stream,
        hideCursor: true,
        // Without a terminal (CI logs, a pipe) one line every few seconds instead of redrawing.
        noTTYOutput: !stream.isTTY,
        notTTYSchedule: 2_000,
      },
      Presets.shades_classic,
    );
  }

  update(progress: RotationProgress): void {
    // Nothing to re-wrap: a bar of 0/0 would say nothing the summary does not.
    if (!this.started && progress.total === 0) return;
    if (!this.started) {
      this.bar.start(progress.total, progress.done);
      this.started = true;
      return;
    }
    this.bar.setTotal(progress.total);
    this.bar.update(progress.done);
  }

  stop(): void {
    if (this.started) this.bar.stop();
  }
}
