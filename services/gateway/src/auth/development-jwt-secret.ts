import { keptSecret, type KeptSecret } from '@frm/config';

/** Name of the file under the data folder that keeps the development signing secret. */
export const DEVELOPMENT_SECRET_FILE = 'jwt-secret';

export type DevelopmentJwtSecret = KeptSecret;

/**
 * The HS256 secret of a development platform started without `FRM_JWT_SECRET`: read from the data
 * folder, or made and kept there (readable by the owner only), so that tokens survive a restart.
 */
export function developmentJwtSecret(dataDir: string): Promise<DevelopmentJwtSecret> {
  return keptSecret(dataDir, DEVELOPMENT_SECRET_FILE);
}
