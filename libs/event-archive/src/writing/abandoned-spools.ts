import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

export const SPOOL_PREFIX = 'frm-archive-';

/** A spool no write has touched for this long belongs to a process that was killed. */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;

/** Removes the spool directories that killed shippers left in `spoolDir` (a shipper that stops cleans its own). */
export async function removeAbandonedSpools(spoolDir: string, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  for (const entry of await readdir(spoolDir, { withFileTypes: true }).catch(() => [])) {
    if (!entry.isDirectory() || !entry.name.startsWith(SPOOL_PREFIX)) continue;
    const path = join(spoolDir, entry.name);
    if (now - (await lastWrittenMs(path, now)) <= ABANDONED_AFTER_MS) continue;
    await rm(path, { recursive: true, force: true });
    removed.push(path);
  }
  return removed;
}

/** The newest change to the directory or a file in it: a body being written keeps its spool alive. */
async function lastWrittenMs(directory: string, now: number): Promise<number> {
  const times = [(await stat(directory).catch(() => ({ mtimeMs: now }))).mtimeMs];
  for (const name of await readdir(directory).catch(() => [])) {
    times.push((await stat(join(directory, name)).catch(() => ({ mtimeMs: now }))).mtimeMs);
  }
  return Math.max(...times);
}
