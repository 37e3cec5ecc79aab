import { SignJWT } from 'jose';
import type { Role } from '@frm/caller';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from './access-token.verifier';

export interface AccessTokenRequest {
  readonly sub: string;
  readonly roles: readonly (Role | string)[];
  /** Lifetime in seconds; default one hour. Negative makes an already expired token (tests). */
  readonly expiresInSeconds?: number;
  /** Default `frm`. */
  readonly issuer?: string;
  readonly claims?: Readonly<Record<string, unknown>>;
}

/** A development access token signed with the shared HS256 secret, as `frm token` mints them. */
export function signAccessToken(request: AccessTokenRequest, secret: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ ...request.claims, roles: [...request.roles] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.sub)
    .setIssuer(request.issuer ?? TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + (request.expiresInSeconds ?? 3600))
    .sign(new TextEncoder().encode(secret));
}
