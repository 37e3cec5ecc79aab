import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

// The CLI is an application of its own: tests run its bin script as a person would.
const FRM = join(__dirname, '../../../cli/bin/frm.js');

export interface FrmResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `frm` to its end with only the given FRM_* settings; asynchronously, as the platform may run in the test's process. */
export async function runFrm(args: readonly string[], env: Readonly<Record<string, string>> = {}, cwd?: string): Promise<FrmResult> {
  const inherited = { ...process.env };
  for (const name of Object.keys(inherited)) if (name.startsWith('FRM_')) delete inherited[name];
  const child = spawn(process.execPath, [FRM, ...args], { cwd, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
}
