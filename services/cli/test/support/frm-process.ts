import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

const FRM = join(__dirname, '../../bin/frm.js');

export interface FrmResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A running `frm`, as a person would start it (the bin script), with only the given FRM_* settings. */
export class FrmProcess {
  stdout = '';
  stderr = '';
  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;

  private constructor(args: readonly string[], env: Readonly<Record<string, string>>, cwd: string) {
    const inherited = { ...process.env };
    // The test decides the storage: nothing of the surrounding shell's configuration leaks in.
    for (const name of Object.keys(inherited)) if (name.startsWith('FRM_') || name === 'EVENTSTORE_CONNECTION_STRING') delete inherited[name];
    this.child = spawn(process.execPath, [FRM, ...args], { cwd, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (this.stdout += chunk));
    this.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    this.exited = once(this.child, 'close').then(([code]) => code as number | null);
  }

  static start(args: readonly string[], env: Readonly<Record<string, string>> = {}, cwd = __dirname): FrmProcess {
    return new FrmProcess(args, env, cwd);
  }

  signal(name: NodeJS.Signals): void {
    this.child.kill(name);
  }

  async result(): Promise<FrmResult> {
    const code = await this.exited;
    return { code, stdout: this.stdout, stderr: this.stderr };
  }
}

/** Runs `frm` to its end; started from a folder outside the workspace root, as `npx frm` may be. */
export function runFrm(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<FrmResult> {
  return FrmProcess.start(args, env).result();
}

/** The JSON lines of `frm events tail`. */
export function jsonLines(stdout: string): Array<Record<string, unknown>> {
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
