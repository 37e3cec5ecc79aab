import { Presets, SingleBar } from 'cli-progress';
import type { BuildProgress } from '@frm/projections';

/**
 * The rebuild's progress on stderr, so that stdout stays the result alone. It counts positions
 * in the store's global order (events scanned of every type) up to the head seen at the start;
 * catching up with events that arrived since then moves the head along.
 */
export class RebuildProgressBar {
  private readonly bar: SingleBar;
  private started = false;

  constructor(projection: string, stream: NodeJS.WriteStream = process.stderr) {
    this.bar = new SingleBar(
      {
        format: `${projection} {phase} [{bar}] {value}/{total} events | {applied} applied | ETA {eta_formatted}`,
        stream,
        hideCursor: true,
        // Without a terminal (CI logs, a pipe) one line every few seconds instead of redrawing.
        noTTYOutput: !stream.isTTY,
        notTTYSchedule: 2_000,
      },
      Presets.shades_classic,
    );
  }

  update(progress: BuildProgress): void {
    const done = Number(progress.checkpoint.prepare);
    const total = Math.max(done, Number(progress.head?.prepare ?? 0n));
    const payload = { phase: progress.phase, applied: progress.eventsApplied };
    if (!this.started) {
      this.bar.start(total, done, payload);
      this.started = true;
      return;
    }
    this.bar.setTotal(total);
    this.bar.update(done, payload);
  }

  stop(): void {
    if (this.started) this.bar.stop();
  }
}
