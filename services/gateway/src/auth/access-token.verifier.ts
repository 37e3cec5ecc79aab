import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { UnauthenticatedError } from '@frm/grpc-errors';
import { callerFromClaims, type Caller } from './access-token.claims';
import { VerifiedTokenCache } from './verified-token-cache';

/** Issuer and audience of every FRM access token. */
export const TOKEN_ISSUER = 'frm';
export const TOKEN_AUDIENCE = 'frm';

// Clocks of the token issuer and of the gateway are never quite equal.
const CLOCK_TOLERANCE_SECONDS = 5;
const BEARER = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)\s*$/i;

/** Where the keys that sign access tokens come from: a shared secret (HS256) or a JWKS URL. */
export type TokenKeys = { readonly secret: string } | { readonly jwksUrl: string };

/** Turns an `authorization` header into the verified caller, or throws `UNAUTHENTICATED`. */
export type AccessTokenVerifier = (authorization: string | undefined) => Promise<Caller>;

/**
 * Verifies bearer JWTs: signature, `iss` and `aud` of `frm`, expiry, and the FRM claims.
 * The error says what to fix, never echoing the token.
 */
export function createAccessTokenVerifier(keys: TokenKeys): AccessTokenVerifier {
  const verify =
    'secret' in keys
      ? ((key: Uint8Array) => (token: string) => jwtVerify(token, key, options(['HS256'])))(new TextEncoder().encode(keys.secret))
      : ((jwks: JWTVerifyGetKey) => (token: string) => jwtVerify(token, jwks, options(['RS256', 'PS256', 'ES256', 'EdDSA'])))(
          createRemoteJWKSet(new URL(keys.jwksUrl)),
        );
  const verified = new VerifiedTokenCache<Caller>();
  return async (authorization) => {
    const token = BEARER.exec(authorization ?? '')?.[1];
    if (token === undefined) {
      throw new UnauthenticatedError(
        authorization ? 'the authorization header must be "Bearer <access token>"' : 'sign in: the call has no "authorization: Bearer <access token>" header',
      );
    }
    const known = verified.get(token, Date.now());
    if (known !== undefined) return known;
    let payload: { exp?: number };
    try {
      payload = (await verify(token)).payload;
    } catch (error) {
      throw new UnauthenticatedError(reasonRefused(error), { cause: error });
    }
    try {
      const caller = callerFromClaims(payload);
      verified.set(token, caller, Date.now(), payload.exp !== undefined ? payload.exp * 1000 : undefined);
      return caller;
    } catch (error) {
      const problems = error instanceof z.ZodError ? error.issues.map((issue) => `${issue.path.join('.') || 'claims'} ${issue.message}`) : [];
      throw new UnauthenticatedError(`the access token's claims are not FRM's: ${problems.join('; ')}; ask for a new token`, { cause: error });
    }
  };
}

function options(algorithms: string[]) {
  return { issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE, algorithms, clockTolerance: CLOCK_TOLERANCE_SECONDS };
}

function reasonRefused(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the access token has expired; sign in again';
  if (error instanceof errors.JWTClaimValidationFailed) {
    return `the access token's "${error.claim}" claim is not accepted (${error.reason}); tokens must be issued by and for "${TOKEN_ISSUER}"`;
  }
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWSSignatureVerificationFailed) {
    return 'the access token was not signed by a key this gateway trusts; sign in again';
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the access token is signed with an algorithm this gateway does not accept';
  if (error instanceof errors.JOSEError && error.code.startsWith('ERR_JWKS')) {
    return 'the keys that verify access tokens cannot be fetched right now; try again shortly';
  }
  return 'the access token is malformed or invalid; sign in again';
}
