import type { RestoreProgress } from '@frm/event-archive';
import { StderrBar } from '../progress/stderr-bar';

/** Verifying the files (bytes), then loading the events, on stderr. */
export class RestoreProgressBar {
  private readonly bar: StderrBar<{ phase: string }>;
  private phase: RestoreProgress['phase'] | undefined;

  constructor(stream: NodeJS.WriteStream = process.stderr) {
    this.bar = new StderrBar('restore {phase} [{bar}] {value}/{total}', stream);
  }

  update(progress: RestoreProgress): void {
    // A new phase counts something else: a bar of its own.
    if (this.phase !== progress.phase) this.bar.stop();
    this.phase = progress.phase;
    this.bar.show(progress.done, progress.total, { phase: progress.phase === 'verify' ? 'verifying bytes' : 'loading events' });
  }

  stop(): void {
    this.bar.stop();
  }
}
