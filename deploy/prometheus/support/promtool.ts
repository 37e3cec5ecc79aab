import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** The Debian package that ships promtool, and how to get it. */
export const PROMTOOL_INSTALL = 'apt-get install -y --no-install-recommends prometheus';

/** Runs promtool in `cwd`; rejects with everything it printed when it exits non-zero. */
export async function promtool(args: readonly string[], cwd: string): Promise<string> {
  try {
    const { stdout, stderr } = await execFileAsync('promtool', [...args], { cwd, maxBuffer: 16 * 1024 * 1024 });
    return `${stdout}${stderr}`;
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (failure.code === 'ENOENT') {
      throw new Error(`promtool is not installed. It comes with Debian's "prometheus" package: ${PROMTOOL_INSTALL}`);
    }
    throw new Error(`promtool ${args.join(' ')} failed (in ${cwd}):\n${failure.stdout ?? ''}${failure.stderr ?? ''}`);
  }
}
