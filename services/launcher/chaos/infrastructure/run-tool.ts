import { spawn, spawnSync } from 'node:child_process';

/** The `postgres` account runs the Postgres tools when this process is root: initdb refuses root. */
export const POSTGRES_ACCOUNT = 'postgres';

export function runsAsRoot(): boolean {
  return process.getuid?.() === 0;
}

/** The command line of a Postgres tool, through `runuser` when this process is root. */
export function postgresCommand(tool: string, args: readonly string[]): [string, string[]] {
  return runsAsRoot() ? ['runuser', ['-u', POSTGRES_ACCOUNT, '--', tool, ...args]] : [tool, [...args]];
}

/** Runs a tool to its end; rejects with its output when it fails. */
export function runTool(command: string, args: readonly string[], timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${command} could not run: ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${output.trim().slice(-2_000)}`));
    });
  });
}

/** The same, synchronously, for exit handlers; failures are ignored. */
export function runToolNow(command: string, args: readonly string[]): void {
  spawnSync(command, args, { stdio: 'ignore', timeout: 20_000 });
}
