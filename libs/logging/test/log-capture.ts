import type { DestinationStream } from 'pino';

/** A pino destination that keeps the written lines, for asserting on exactly what a log holds. */
export class LogCapture implements DestinationStream {
  private readonly written: string[] = [];

  write(line: string): void {
    this.written.push(line);
  }

  /** Everything written, as the bytes a log shipper would see. */
  get text(): string {
    return this.written.join('');
  }

  /** Each line parsed. */
  get lines(): Record<string, unknown>[] {
    return this.text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}
