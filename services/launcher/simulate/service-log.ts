import { createLogger, type Logger } from '@frm/logging';

/**
 * Where the services in this process log: warnings and errors only, kept out of stdout (which
 * holds the results), counted, and the first few kept for the report. Errors are also echoed to
 * stderr at once, so a long run that goes wrong says so while it runs.
 */
export class ServiceLog {
  private readonly counts = new Map<string, number>();
  private readonly kept: string[] = [];

  constructor(private readonly echoErrors: (line: string) => void) {}

  loggerFor(service: string): Logger {
    return createLogger({ service, level: 'warn', destination: { write: (line: string) => this.keep(line) } });
  }

  /** Lines by level, e.g. `{ warn: 3 }`. */
  get levels(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  /** The first lines logged, as JSON text. */
  get firstLines(): readonly string[] {
    return this.kept;
  }

  private keep(line: string): void {
    const level = levelOf(line);
    this.counts.set(level, (this.counts.get(level) ?? 0) + 1);
    if (this.kept.length < 5) this.kept.push(line.trimEnd());
    if (level === 'error' || level === 'fatal') this.echoErrors(line.trimEnd());
  }
}

function levelOf(line: string): string {
  try {
    const parsed = JSON.parse(line) as { level?: unknown };
    return typeof parsed.level === 'string' ? parsed.level : 'unknown';
  } catch {
    return 'unknown';
  }
}
