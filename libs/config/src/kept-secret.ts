import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export interface KeptSecret {
  readonly secret: string;
  /** Absolute path of the file it is kept in. */
  readonly path: string;
  /** Whether this call made it (the first run on this data folder). */
  readonly created: boolean;
}

/**
 * A development secret kept in a file of the data folder: read when there, else made (32 random
 * bytes, base64url) and written readable by the owner only, so what it keys survives a restart.
 */
export async function keptSecret(dataDir: string, fileName: string): Promise<KeptSecret> {
  const path = resolve(join(dataDir, fileName));
  try {
    const secret = (await readFile(path, 'utf8')).trim();
    if (secret.length >= 32) return { secret, path, created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(32).toString('base64url');
  await mkdir(dataDir, { recursive: true });
  await writeFile(path, `${secret}\n`, { mode: 0o600 });
  return { secret, path, created: true };
}
