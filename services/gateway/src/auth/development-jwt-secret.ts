import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** Name of the file under the data folder that keeps the development signing secret. */
export const DEVELOPMENT_SECRET_FILE = 'jwt-secret';

export interface DevelopmentJwtSecret {
  readonly secret: string;
  /** Absolute path of the file it is kept in. */
  readonly path: string;
  /** Whether this run made it (the first run on this data folder). */
  readonly created: boolean;
}

/**
 * The HS256 secret of a development platform started without `FRM_JWT_SECRET`: read from the data
 * folder, or made and kept there (readable by the owner only), so that tokens survive a restart.
 */
export async function developmentJwtSecret(dataDir: string): Promise<DevelopmentJwtSecret> {
  const path = resolve(join(dataDir, DEVELOPMENT_SECRET_FILE));
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
