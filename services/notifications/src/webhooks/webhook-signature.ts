import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A webhook's signing secret as Standard Webhooks writes it: `whsec_` and 24 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** The headers that make a delivery verifiable by any Standard Webhooks library. */
export interface SignedDeliveryHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

/**
 * Signs one delivery: `webhook-signature` is `v1,` and the base64 HMAC-SHA256, under the secret, of
 * `<id>.<timestamp>.<body>`. A retry keeps the id (receivers drop repeats by it) and gets a fresh
 * timestamp (receivers refuse old ones).
 */
export function signDelivery(secret: string, deliveryId: string, at: Date, body: string): SignedDeliveryHeaders {
  return {
    'webhook-id': deliveryId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(deliveryId, at, body),
  };
}
