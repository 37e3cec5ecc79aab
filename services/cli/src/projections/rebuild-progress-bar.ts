import type { BuildProgress } from '@frm/projections';
import { StderrBar } from '../progress/stderr-bar';

/**
 * The rebuild's progress on stderr, so that stdout stays the result alone. It counts positions
 * in the store's global order (events scanned of every type) up to the head seen at the start;
 * catching up with events that arrived since then moves the head along.
 */
export class RebuildProgressBar {
  private readonly bar: StderrBar<{ phase: string; applied: number }>;

  constructor(projection: string, stream: NodeJS.WriteStream = process.stderr) {
    this.bar = new StderrBar(`${projection} {phase} [{bar}] {value}/{total} events | {applied} applied | ETA {eta_formatted}`, stream);
  }

  update(progress: BuildProgress): void {
    const done = Number(progress.checkpoint.prepare);
    this.bar.show(done, Math.max(done, Number(progress.head?.prepare ?? 0n)), { phase: progress.phase, applied: progress.eventsApplied });
  }

  stop(): void {
    this.bar.stop();
  }
}
