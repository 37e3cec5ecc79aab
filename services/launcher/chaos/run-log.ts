/**
 * Progress on stderr, each line stamped with the seconds since the start; when nothing has been
 * said for a few seconds, a line says what is still going on, so a long wait never looks like a hang.
 */
export class RunLog {
  private readonly started = Date.now();
  private lastLine = Date.now();
  private phase = 'starting';
  private readonly heartbeat: NodeJS.Timeout;

  constructor(private readonly name: string) {
    this.heartbeat = setInterval(() => {
      if (Date.now() - this.lastLine >= 5_000) this.line(`… ${this.phase}`);
    }, 1_000);
    this.heartbeat.unref();
  }

  readonly line = (text: string): void => {
    this.lastLine = Date.now();
    process.stderr.write(`[${this.name} ${this.elapsedSeconds().toFixed(1).padStart(6)} s] ${text}\n`);
  };

  /** Names what runs now, for the heartbeat, and says so. */
  enter(phase: string): void {
    this.phase = phase;
    this.line(`== ${phase}`);
  }

  elapsedSeconds(): number {
    return (Date.now() - this.started) / 1000;
  }

  close(): void {
    clearInterval(this.heartbeat);
  }
}
