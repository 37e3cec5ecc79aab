import { Presets, SingleBar } from 'cli-progress';
import type { RestoreProgress } from '@frm/event-archive';

/** Verifying the files (bytes), then loading the events, on stderr. */
export class RestoreProgressBar {
  private readonly bar: SingleBar;
  private phase: RestoreProgress['phase'] | undefined;

  constructor(stream: NodeJS.WriteStream = process.stderr) {
    this.bar = new SingleBar(
      { format: 'restore {phase} [{bar}] {value}/{total}', stream, hideCursor: true, noTTYOutput: !stream.isTTY, notTTYSchedule: 2_000 },
      Presets.shades_classic,
    );
  }

  update(progress: RestoreProgress): void {
    const phase = progress.phase === 'verify' ? 'verifying bytes' : 'loading events';
    if (this.phase !== progress.phase) {
      if (this.phase) this.bar.stop();
      this.bar.start(progress.total, progress.done, { phase });
      this.phase = progress.phase;
      return;
    }
    this.bar.setTotal(progress.total);
    this.bar.update(progress.done, { phase });
  }

  stop(): void {
    if (this.phase) this.bar.stop();
  }
}
