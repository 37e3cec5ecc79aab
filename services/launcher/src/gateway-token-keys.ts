import { developmentJwtSecret, tokenKeysFromSettings, type TokenKeys } from '@frm/gateway';

/** How access tokens are verified in this run, and where the development secret is kept when one is. */
export interface PlatformTokenKeys {
  readonly keys: TokenKeys;
  /** The file of the generated development secret; absent when FRM_JWT_SECRET or FRM_JWT_JWKS_URL is set. */
  readonly developmentSecretFile?: string;
}

/**
 * The settings' token keys, or else the development secret kept under the data folder (made on the
 * first run), so that `npm start` needs no configuration and tokens stay valid across restarts.
 */
export async function platformTokenKeys(settings: {
  FRM_DATA_DIR: string;
  FRM_JWT_SECRET?: string;
  FRM_JWT_JWKS_URL?: string;
}): Promise<PlatformTokenKeys> {
  const configured = tokenKeysFromSettings(settings);
  if (configured !== undefined) return { keys: configured };
  const development = await developmentJwtSecret(settings.FRM_DATA_DIR);
  return { keys: { secret: development.secret }, developmentSecretFile: development.path };
}
