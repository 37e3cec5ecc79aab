import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { newWebhookSecret, signDelivery } from './webhook-signature';

describe('webhook signatures (Standard Webhooks)', () => {
  const body = JSON.stringify({ type: 'feature_request.status_changed', data: { id: 'a', status: 'planned' } });

  it('makes a fresh whsec_ secret of 24 random bytes each time', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(24);
    expect(newWebhookSecret()).not.toBe(secret);
  });

  it('signs id.timestamp.body with HMAC-SHA256 under the secret, as the specification says', () => {
    const secret = newWebhookSecret();
    const at = new Date('2026-11-26T10:00:00Z');
    const headers = signDelivery(secret, 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W', at, body);
    expect(headers['webhook-timestamp']).toBe('1795687200');
    const expected = createHmac('sha256', Buffer.from(secret.slice(6), 'base64'))
      .update(`msg_2KWPBgLlAfxdpx2AI54pPJ85f4W.1795687200.${body}`)
      .digest('base64');
    expect(headers['webhook-signature']).toBe(`v1,${expected}`);
    // The same as the reference library's signature.
    expect(headers['webhook-signature']).toBe(new Webhook(secret).sign('msg_2KWPBgLlAfxdpx2AI54pPJ85f4W', at, body));
  });

  it('is accepted by a receiver with the secret, and refused when the body or the secret differ', () => {
    const secret = newWebhookSecret();
    const headers = { ...signDelivery(secret, 'msg_1', new Date(), body) };
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(body.replace('planned', 'shipped'), headers)).toThrow();
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
  });
});
