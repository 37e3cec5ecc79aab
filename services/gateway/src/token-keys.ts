import type { TokenKeys } from './auth/access-token.verifier';

/** Raised when the settings name no way, or two ways, to verify access tokens. */
export class TokenKeysSettingError extends Error {
  override readonly name = 'TokenKeysSettingError';
}

/** The token keys the settings choose: exactly one of `FRM_JWT_SECRET` and `FRM_JWT_JWKS_URL`. */
export function tokenKeysFromSettings(settings: { FRM_JWT_SECRET?: string; FRM_JWT_JWKS_URL?: string }): TokenKeys | undefined {
  if (settings.FRM_JWT_SECRET !== undefined && settings.FRM_JWT_JWKS_URL !== undefined) {
    throw new TokenKeysSettingError(
      'both FRM_JWT_SECRET and FRM_JWT_JWKS_URL are set; set FRM_JWT_SECRET for development tokens or FRM_JWT_JWKS_URL for production, not both',
    );
  }
  if (settings.FRM_JWT_SECRET !== undefined) return { secret: settings.FRM_JWT_SECRET };
  if (settings.FRM_JWT_JWKS_URL !== undefined) return { jwksUrl: settings.FRM_JWT_JWKS_URL };
  return undefined;
}
