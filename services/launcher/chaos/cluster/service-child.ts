import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { setPriority } from 'node:os';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { serviceNodeArguments } from '@frm/bench';
import type { ServiceDefinition } from './cluster-services';

const WORKSPACE_ROOT = resolve(__dirname, '../../../..'); // services/launcher/chaos/cluster → the workspace root

/**
 * One run of a service as its own OS process (`node -r @swc-node/register <main.ts>`), its output
 * appended to a log file. Unlike the benchmarks' ServiceProcess it says when it exits, so that the
 * cluster can tell a crash it caused from one it did not.
 */
export class ServiceChild {
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readyValue: string | undefined;
  private ended = false;
  private readonly plainLines: string[] = [];
  private readonly waiters: Array<(value: string) => void> = [];

  private constructor(
    readonly definition: ServiceDefinition,
    private readonly child: ChildProcess,
    log: WriteStream,
  ) {
    // 'close', not 'exit': by then its output has been read to the end (a crash's trace included).
    this.exited = new Promise((done) =>
      child.once('close', (code, signal) => {
        this.ended = true;
        log.end();
        done({ code, signal });
      }),
    );
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => {
        log.write(`${line}\n`);
        this.read(line);
      });
    }
  }

  static spawn(definition: ServiceDefinition, logFile: string): ServiceChild {
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('FRM_')));
    const child = spawn(process.execPath, serviceNodeArguments(definition.name, definition.main), {
      cwd: WORKSPACE_ROOT,
      env: { ...inherited, ...definition.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (definition.nice && child.pid !== undefined) setPriority(child.pid, definition.nice);
    return new ServiceChild(definition, child, createWriteStream(logFile, { flags: 'a' }));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return !this.ended;
  }

  /** The lines it wrote that are not JSON log lines (a crash's stack trace), the last 30. */
  get plainOutput(): readonly string[] {
    return this.plainLines;
  }

  /** Resolves with its address once it logged it; rejects if it exits first or takes too long. */
  ready(timeoutMs = 120_000): Promise<string> {
    if (this.readyValue !== undefined) return Promise.resolve(this.readyValue);
    return new Promise((resolveReady, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.definition.name} did not start within ${timeoutMs / 1000} s`)), timeoutMs);
      this.waiters.push((value) => {
        clearTimeout(timer);
        resolveReady(value);
      });
      void this.exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`${this.definition.name} exited (${signal ?? `code ${code}`}) before it started`));
      });
    });
  }

  /** kill -9, and waits until it is gone. */
  async crash(): Promise<void> {
    if (!this.ended) this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 5_000): Promise<void> {
    if (this.ended) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  killNow(): void {
    if (!this.ended) this.child.kill('SIGKILL');
  }

  private read(line: string): void {
    let parsed: Record<string, unknown>;
    try {
      const value: unknown = JSON.parse(line);
      if (typeof value !== 'object' || value === null) throw new TypeError('not a log line');
      parsed = value as Record<string, unknown>;
    } catch {
      this.plainLines.push(line);
      if (this.plainLines.length > 30) this.plainLines.shift();
      return;
    }
    const ready = parsed[this.definition.readyField];
    if (this.readyValue === undefined && typeof ready === 'string') {
      this.readyValue = ready;
      for (const wake of this.waiters.splice(0)) wake(ready);
    }
  }
}
