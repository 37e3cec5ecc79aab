import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const WORKSPACE = join(__dirname, '../../../..');
const BUILD_TIMEOUT_MS = 5 * 60_000;

/**
 * Builds the web board through its Nx target, as `npm start` does. Nx's cache makes this quick
 * when nothing changed (and `nx run launcher:test` has built it already), and it always matches
 * the sources, even when the test is run with jest alone after editing the board.
 */
export async function buildBoard(): Promise<void> {
  try {
    await promisify(execFile)(join(WORKSPACE, 'node_modules/.bin/nx'), ['run', 'web:build', '--outputStyle=static'], {
      cwd: WORKSPACE,
      timeout: BUILD_TIMEOUT_MS,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`nx run web:build failed; run it by hand to see why:\n${stdout.slice(-4000)}\n${stderr.slice(-4000)}`);
  }
}
