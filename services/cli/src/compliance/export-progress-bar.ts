import { Presets, SingleBar } from 'cli-progress';

/**
 * The records received so far, on stderr so that stdout stays the result alone. The total is known
 * only from the last chunk, so the bar shows counts rather than a fraction.
 */
export class ExportProgressBar {
  private readonly bar: SingleBar;
  private started = false;

  constructor(subjectId: string, stream: NodeJS.WriteStream = process.stderr) {
    this.bar = new SingleBar(
      {
        format: `export of subject ${subjectId}: {value} records in {tables} tables | {duration_formatted}`,
        stream,
        hideCursor: true,
        // Without a terminal (CI logs, a pipe) one line every few seconds instead of redrawing.
        noTTYOutput: !stream.isTTY,
        notTTYSchedule: 2_000,
      },
      Presets.shades_classic,
    );
  }

  update(records: number, tables: number): void {
    if (!this.started) {
      this.bar.start(records, records, { tables });
      this.started = true;
      return;
    }
    this.bar.setTotal(records);
    this.bar.update(records, { tables });
  }

  stop(): void {
    if (this.started) this.bar.stop();
  }
}
