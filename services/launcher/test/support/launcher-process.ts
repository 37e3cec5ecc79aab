import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const WORKSPACE = join(__dirname, '../../../..');
const MAIN = 'services/launcher/src/main.ts';
const START_TIMEOUT_MS = 90_000;

/** One JSON line the launcher logged. */
export type LogLine = Record<string, unknown> & { level: string; msg: string };

/** `npm start` without npm: the launcher's entry point run as `npm start` runs it, in a process of its own. */
export class LauncherProcess {
  readonly lines: LogLine[] = [];
  readonly stderr: string[] = [];
  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;

  private constructor(env: Readonly<Record<string, string>>) {
    const inherited = { ...process.env };
    // The test decides the mode: nothing of the surrounding shell's configuration leaks in.
    for (const name of Object.keys(inherited)) if (name.startsWith('FRM_') || name === 'EVENTSTORE_CONNECTION_STRING') delete inherited[name];
    this.child = spawn(process.execPath, ['-r', '@swc-node/register', MAIN], {
      cwd: WORKSPACE,
      env: { ...inherited, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    createInterface({ input: this.child.stdout as NodeJS.ReadableStream }).on('line', (line) => this.lines.push(parse(line)));
    createInterface({ input: this.child.stderr as NodeJS.ReadableStream }).on('line', (line) => this.stderr.push(line));
    this.exited = once(this.child, 'exit').then(([code]) => code as number | null);
  }

  static start(env: Readonly<Record<string, string>>): LauncherProcess {
    return new LauncherProcess(env);
  }

  /** The line that says the platform runs, once it has been logged; rejects if the process ends first. */
  async running(): Promise<LogLine> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      const line = this.lines.find((l) => l.msg.startsWith('FRM is running'));
      if (line) return line;
      if (this.child.exitCode !== null) throw new Error(`the launcher exited with ${this.child.exitCode}: ${this.describe()}`);
      if (Date.now() > deadline) throw new Error(`the launcher did not start in time: ${this.describe()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The exit code, once the process has ended by itself. */
  exitCode(): Promise<number | null> {
    return this.exited;
  }

  /** Sends `signal` and waits for the exit code. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.child.exitCode === null) this.child.kill(signal);
    return this.exited;
  }

  private describe(): string {
    return JSON.stringify({ stdout: this.lines, stderr: this.stderr.slice(-20) });
  }
}

function parse(line: string): LogLine {
  try {
    return JSON.parse(line) as LogLine;
  } catch {
    return { level: 'raw', msg: line };
  }
}
