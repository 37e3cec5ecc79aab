import type { Registry } from '@frm/metrics';
import type { MailSender } from '../mail/mail-sender';

/** How this process sends the planned e-mail and webhook deliveries. */
export interface DeliveryOptions {
  readonly mail: MailSender;
  /** `FRM_WEBHOOK_ALLOW_PRIVATE`. */
  readonly allowPrivateWebhooks: boolean;
  readonly mailRetrySchedule: readonly number[];
  readonly webhookRetrySchedule: readonly number[];
  readonly disableWebhookAfterDeadLetters: number;
  /** The board's address, for links in mails. */
  readonly publicUrl: string;
  /** Signs the unsubscribe links. */
  readonly unsubscribeKey: Buffer;
  /** The time the dispatchers go by (tests set it; quiet hours and retries read it). */
  readonly clock?: () => Date;
  /** How often idle dispatchers look for due work (default 200 ms). */
  readonly idleMs?: number;
  /** Where delivery counters are registered (the metrics listener's registry). */
  readonly metricsRegistry?: Registry;
  /** A webhook endpoint's deadline per attempt (default 10 s). */
  readonly webhookTimeoutMs?: number;
}
