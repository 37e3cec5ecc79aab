import { SignJWT } from 'jose';
import type { AccessTokenClaims } from './token-claims';

/** The gateway accepts only tokens issued by and for `frm`. */
export const TOKEN_ISSUER = 'frm';
export const TOKEN_AUDIENCE = 'frm';

/** An HS256 JWT carrying `claims`, valid from now for `lifetime` (jose's `8h` form). */
export async function mintAccessToken(claims: AccessTokenClaims, secret: string, lifetime: string): Promise<string> {
  const { sub, ...rest } = claims;
  return new SignJWT({ ...rest })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(lifetime)
    .sign(new TextEncoder().encode(secret));
}
