import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

/** The workspace root, where `node -r @swc-node/register` finds the tsconfig paths. */
export const WORKSPACE_ROOT = resolve(__dirname, '../../../..');

/** One JSON log line of the process (pino), or the raw text when a line is not JSON. */
export type LogLine = Record<string, unknown> & { msg?: string; level?: string };

/** The parent's environment without FRM_* variables, plus `env`: the child sees only what the test gives it. */
function childEnvironment(env: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('FRM_')));
  return { ...inherited, ...env };
}

/**
 * A service as a separate OS process, exactly as `npm run start:<service>` or a container runs it:
 * `node -r @swc-node/register services/<service>/src/main.ts` with the environment given.
 */
export class ServiceProcess {
  readonly lines: LogLine[] = [];
  private readonly exited: Promise<number | null>;
  private address: string | undefined;

  private constructor(
    private readonly service: string,
    private readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolveExit) => child.once('exit', (code) => resolveExit(code)));
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', (line) => this.lines.push(parseLine(line)));
    }
  }

  /** Spawns the process; call {@link ready} (or {@link exitCode}) next. */
  static spawn(service: string, env: Readonly<Record<string, string>>): ServiceProcess {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', `services/${service}/src/main.ts`], {
      cwd: WORKSPACE_ROOT,
      env: childEnvironment(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ServiceProcess(service, child);
  }

  /** Resolves with the `host:port` of its gRPC service once it logged its start-up line. */
  async ready(timeoutMs = 60_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let exitCode: number | null | undefined;
    void this.exited.then((code) => (exitCode = code));
    while (this.address === undefined) {
      const started = this.lines.find((line) => typeof line['grpc'] === 'string');
      if (started) this.address = started['grpc'] as string;
      else if (exitCode !== undefined) throw new Error(`${this.service} exited with ${exitCode} before it started:\n${this.output()}`);
      else if (Date.now() > deadline) throw new Error(`${this.service} did not start within ${timeoutMs} ms:\n${this.output()}`);
      else await new Promise((wake) => setTimeout(wake, 50));
    }
    return this.address;
  }

  /** Resolves with the exit code once the process has ended by itself. */
  exitCode(): Promise<number | null> {
    return this.exited;
  }

  /** kill -9: no shutdown hook runs, nothing is flushed or closed. */
  async crash(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM, the way an orchestrator stops it; resolves with the exit code. */
  async stop(): Promise<number | null> {
    this.child.kill('SIGTERM');
    return this.exited;
  }

  output(): string {
    return this.lines.map((line) => JSON.stringify(line)).join('\n');
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
