import { createHmac, timingSafeEqual } from 'node:crypto';

/** What one click on an unsubscribe link turns off: every e-mail, or the mails about one request. */
export type UnsubscribeScope = { readonly kind: 'all_email' } | { readonly kind: 'request'; readonly featureRequestId: string };

export interface UnsubscribeClaim {
  readonly recipientId: string;
  readonly scope: UnsubscribeScope;
  /** Seconds since the epoch after which the link no longer works. */
  readonly expiresAt: number;
}

export class InvalidUnsubscribeTokenError extends Error {
  override readonly name = 'InvalidUnsubscribeTokenError';
}

/** Links in mails stay valid this long: a person may act on an old mail. */
export const UNSUBSCRIBE_LINK_LIFETIME_S = 180 * 86_400;

/**
 * The token of a one-click unsubscribe link (RFC 8058): the claim, and an HMAC-SHA256 over it under
 * the service's key, so nobody can unsubscribe someone else by editing a link. No personal data
 * beyond the recipient's id.
 */
export function signUnsubscribeToken(key: Buffer, claim: UnsubscribeClaim): string {
  const payload = Buffer.from(JSON.stringify([claim.recipientId, claim.scope, claim.expiresAt])).toString('base64url');
  return `${payload}.${mac(key, payload)}`;
}

/** The claim of a token signed with `key`, if it is intact and not expired at `now` (seconds). */
export function verifyUnsubscribeToken(key: Buffer, token: string, now: number): UnsubscribeClaim {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) throw new InvalidUnsubscribeTokenError('the unsubscribe link is not one this service made');
  const expected = Buffer.from(mac(key, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new InvalidUnsubscribeTokenError('the unsubscribe link was altered or not made by this service');
  }
  const [recipientId, scope, expiresAt] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as [string, UnsubscribeScope, number];
  if (expiresAt <= now) throw new InvalidUnsubscribeTokenError('the unsubscribe link has expired; change your e-mail settings on the board instead');
  return { recipientId, scope, expiresAt };
}

function mac(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(`frm.unsubscribe.v1\n${payload}`).digest('base64url');
}
