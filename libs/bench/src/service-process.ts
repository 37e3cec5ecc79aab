import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { serviceNodeArguments } from './service-node-arguments';

/** The workspace root, where `node -r @swc-node/register` finds the tsconfig paths. */
const WORKSPACE_ROOT = resolve(__dirname, '../../..'); // libs/bench/src → the workspace root

type LogLine = Record<string, unknown> & { msg?: string };

/**
 * A service as a separate OS process (`node -r @swc-node/register <main.ts>`), as the local-cluster
 * test starts intake: the parent's environment without FRM_* variables, plus `env`. Ready once a
 * log line carries `readyField` (the address it listens on).
 */
export class ServiceProcess {
  private readonly lines: LogLine[] = [];
  private readonly exited: Promise<number | null>;
  private exitCode: number | null | undefined;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
    private readonly readyField: string,
  ) {
    this.exited = new Promise((done) =>
      child.once('exit', (code) => {
        this.exitCode = code;
        done(code);
      }),
    );
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', (line) => this.keep(parseLine(line)));
    }
  }

  static spawn(name: string, main: string, readyField: string, env: Readonly<Record<string, string>>): ServiceProcess {
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('FRM_')));
    const child = spawn(process.execPath, serviceNodeArguments(name, main), {
      cwd: WORKSPACE_ROOT,
      env: { ...inherited, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ServiceProcess(name, child, readyField);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Resolves with the value of the ready field (host:port) once the process logged it. */
  async ready(timeoutMs = 90_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = this.lines.find((candidate) => typeof candidate[this.readyField] === 'string');
      if (line) return line[this.readyField] as string;
      if (this.exitCode !== undefined) throw new Error(`${this.name} exited with ${this.exitCode} before it started:\n${this.output()}`);
      if (Date.now() > deadline) throw new Error(`${this.name} did not start within ${timeoutMs} ms:\n${this.output()}`);
      await new Promise((wake) => setTimeout(wake, 50));
    }
  }

  /** Errors or warnings it logged, for the report. */
  problems(): LogLine[] {
    return this.lines.filter((line) => typeof line['level'] === 'string' && ['warn', 'error', 'fatal'].includes(line['level'] as string));
  }

  /** SIGTERM to its pid, then SIGKILL if it has not ended within `graceMs`. */
  async stop(graceMs = 5_000): Promise<void> {
    if (this.exitCode !== undefined) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** Synchronous last resort (process exit): SIGKILL to its pid. */
  killNow(): void {
    if (this.exitCode === undefined) this.child.kill('SIGKILL');
  }

  output(): string {
    return this.lines
      .slice(-40)
      .map((line) => JSON.stringify(line))
      .join('\n');
  }

  private keep(line: LogLine): void {
    // Info lines are only needed until start-up; keep the rest bounded.
    if (this.lines.length < 2_000) this.lines.push(line);
  }
}

function parseLine(line: string): LogLine {
  try {
    const parsed: unknown = JSON.parse(line);
    return typeof parsed === 'object' && parsed !== null ? (parsed as LogLine) : { msg: line };
  } catch {
    return { msg: line };
  }
}
