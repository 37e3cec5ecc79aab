import { waitUntil } from '@frm/testing';
import { startReceiver } from './support/webhook-receiver';
import { newWebhookSecret } from '../src/webhooks/webhook-signature';
import { WebhookSender } from '../src/webhooks/webhook-sender';

describe('webhook sender', () => {
  const secret = newWebhookSecret();
  const body = JSON.stringify({ type: 'feature_request.status_changed', timestamp: '2026-11-26T10:00:00Z', data: { id: 'r1', title: 'Seating plan', status: 'planned' } });

  it('delivers a signed POST that the receiver verifies; a failing answer is a failed attempt with the same id next time', async () => {
    const receiver = await startReceiver(secret, (attempt) => (attempt === 1 ? 503 : 204));
    const sender = new WebhookSender({ allowPrivate: true, timeoutMs: 2_000 });
    try {
      const delivery = { deliveryId: 'msg_01', url: receiver.url, secret, body };
      const first = await sender.attempt(delivery, new Date('2026-11-26T10:00:00Z'));
      expect(first).toMatchObject({ delivered: false, status: 503, permanent: false, error: 'the endpoint answered 503' });
      const second = await sender.attempt(delivery);
      expect(second).toMatchObject({ delivered: true, status: 204 });
      expect(receiver.attempts.map((a) => [a.id, a.verified, a.body])).toEqual([
        ['msg_01', false, body],
        ['msg_01', true, body],
      ]);
      // The first was signed for 10:00, which the receiver refuses as too old; each attempt is signed anew.
      expect(receiver.attempts[0]?.timestamp).toBe('1795687200');
      expect(Number(receiver.attempts[1]?.timestamp)).toBeGreaterThan(1795687200);
    } finally {
      await sender.close();
      await receiver.close();
    }
  });

  it('gives up on an endpoint that does not answer within the deadline', async () => {
    const receiver = await startReceiver(secret, () => 'hang');
    const sender = new WebhookSender({ allowPrivate: true, timeoutMs: 300 });
    try {
      const outcome = await sender.attempt({ deliveryId: 'msg_02', url: receiver.url, secret, body });
      expect(outcome).toMatchObject({ delivered: false, permanent: false });
      expect(outcome.durationMs).toBeLessThan(2_000);
    } finally {
      await sender.close();
      await receiver.close();
    }
  });

  it('ends an attempt still waiting at shutdown as a failed one, to be retried, without waiting for the deadline', async () => {
    const receiver = await startReceiver(secret, () => 'hang');
    const sender = new WebhookSender({ allowPrivate: true, timeoutMs: 60_000 });
    try {
      const attempt = sender.attempt({ deliveryId: 'msg_05', url: receiver.url, secret, body });
      await waitUntil('the receiver has the attempt', () => receiver.attempts.length === 1);
      sender.interrupt();
      const outcome = await attempt;
      expect(outcome).toMatchObject({ delivered: false, permanent: false, error: 'the service stopped before the endpoint answered' });
      expect(outcome.durationMs).toBeLessThan(10_000);
    } finally {
      await sender.close();
      await receiver.close();
    }
  });

  it('refuses, as permanent, a URL that is no longer allowed, and counts a refused connection as a failed attempt', async () => {
    const sender = new WebhookSender({ allowPrivate: false, timeoutMs: 1_000 });
    const refused = new WebhookSender({ allowPrivate: true, timeoutMs: 1_000 });
    try {
      expect(await sender.attempt({ deliveryId: 'msg_03', url: 'http://127.0.0.1:9/x', secret, body })).toMatchObject({ delivered: false, permanent: true, error: expect.stringMatching(/loopback/) });
      expect(await refused.attempt({ deliveryId: 'msg_04', url: 'http://127.0.0.1:9/x', secret, body })).toMatchObject({ delivered: false, permanent: false, error: expect.stringMatching(/ECONNREFUSED/) });
    } finally {
      await sender.close();
      await refused.close();
    }
  });
});

