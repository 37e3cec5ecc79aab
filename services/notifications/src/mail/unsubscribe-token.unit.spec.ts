import { randomBytes } from 'node:crypto';
import { InvalidUnsubscribeTokenError, signUnsubscribeToken, verifyUnsubscribeToken, type UnsubscribeClaim } from './unsubscribe-token';

describe('one-click unsubscribe tokens', () => {
  const key = randomBytes(32);
  const claim: UnsubscribeClaim = { recipientId: '4f0c7e2a-1b3d-4e5f-8a9b-0c1d2e3f4a5b', scope: { kind: 'request', featureRequestId: 'a1b2c3d4-0000-4000-8000-000000000001' }, expiresAt: 2_000_000_000 };

  it('gives back the claim of a token it signed, while it has not expired', () => {
    const token = signUnsubscribeToken(key, claim);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyUnsubscribeToken(key, token, 1_900_000_000)).toEqual(claim);
  });

  it('refuses a token changed to unsubscribe someone else, signed with another key, expired or malformed', () => {
    const token = signUnsubscribeToken(key, claim);
    const [, signature] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify(['someone-else', { kind: 'all_email' }, 2_000_000_000])).toString('base64url')}.${signature}`;
    expect(() => verifyUnsubscribeToken(key, forged, 1_900_000_000)).toThrow(/altered/);
    expect(() => verifyUnsubscribeToken(randomBytes(32), token, 1_900_000_000)).toThrow(InvalidUnsubscribeTokenError);
    expect(() => verifyUnsubscribeToken(key, token, 2_000_000_000)).toThrow(/expired/);
    for (const bad of ['', 'abc', 'a.b.c']) expect(() => verifyUnsubscribeToken(key, bad, 0)).toThrow(InvalidUnsubscribeTokenError);
  });
});
