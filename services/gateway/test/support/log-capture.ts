import type { DestinationStream } from 'pino';

/** A pino destination that keeps every line written, parsed, for asserting on what a log holds. */
export class LogCapture implements DestinationStream {
  readonly lines: Record<string, unknown>[] = [];

  write(line: string): void {
    for (const part of line.split('\n')) if (part !== '') this.lines.push(JSON.parse(part) as Record<string, unknown>);
  }
}
