import { StderrBar } from '../progress/stderr-bar';

/**
 * The records received so far, on stderr so that stdout stays the result alone. The total is known
 * only from the last chunk, so the bar shows counts rather than a fraction.
 */
export class ExportProgressBar {
  private readonly bar: StderrBar<{ tables: number }>;

  constructor(subjectId: string, stream: NodeJS.WriteStream = process.stderr) {
    this.bar = new StderrBar(`export of subject ${subjectId}: {value} records in {tables} tables | {duration_formatted}`, stream);
  }

  update(records: number, tables: number): void {
    this.bar.show(records, records, { tables });
  }

  stop(): void {
    this.bar.stop();
  }
}
