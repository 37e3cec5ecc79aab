import type { VerifyProgress } from '@frm/audit';
import { StderrBar } from '../progress/stderr-bar';

/** Verification's progress on stderr, so that stdout stays the verdict alone. */
export class VerifyProgressBar {
  private readonly bar: StderrBar;

  constructor(log: string, stream: NodeJS.WriteStream = process.stderr) {
    this.bar = new StderrBar(`audit log ${log} [{bar}] {value}/{total} entries | ETA {eta_formatted}`, stream);
  }

  update(progress: VerifyProgress): void {
    this.bar.show(progress.checked, progress.total);
  }

  stop(): void {
    this.bar.stop();
  }
}
