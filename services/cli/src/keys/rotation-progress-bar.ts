import type { RotationProgress } from '@frm/pii';
import { StderrBar } from '../progress/stderr-bar';

/** The rotation's progress on stderr, so that stdout stays the summary alone. */
export class RotationProgressBar {
  private readonly bar: StderrBar;

  constructor(masterKeyVersion: string, stream: NodeJS.WriteStream = process.stderr) {
    this.bar = new StderrBar(`re-wrapping under ${masterKeyVersion} [{bar}] {value}/{total} data keys | ETA {eta_formatted}`, stream);
  }

  update(progress: RotationProgress): void {
    // Nothing to re-wrap: a bar of 0/0 would say nothing the summary does not.
    if (!this.bar.isShown && progress.total === 0) return;
    this.bar.show(progress.done, progress.total);
  }

  stop(): void {
    this.bar.stop();
  }
}
