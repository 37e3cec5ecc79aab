import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { SettingsOf } from '@frm/config';
import type { Logger } from '@frm/logging';
import type { Registry } from '@frm/metrics';
import { openMailSender } from '../mail/mail-sender';
import type { notificationsSettings } from '../notifications.settings';
import type { DeliveryOptions } from './delivery-options';

type DeliverySettings = Pick<
  SettingsOf<typeof notificationsSettings>,
  | 'FRM_DATA_DIR'
  | 'FRM_SMTP_URL'
  | 'FRM_MAIL_FROM'
  | 'FRM_MAIL_RETRY_SCHEDULE'
  | 'FRM_PUBLIC_URL'
  | 'FRM_UNSUBSCRIBE_SECRET'
  | 'FRM_WEBHOOK_RETRY_SCHEDULE'
  | 'FRM_WEBHOOK_ALLOW_PRIVATE'
  | 'FRM_WEBHOOK_DISABLE_AFTER'
>;

/** How e-mail and webhooks go out, from the service's settings; says so in the log where it matters. */
export function deliveryOptionsFrom(settings: DeliverySettings, logger: Logger, metricsRegistry?: Registry): DeliveryOptions {
  const outboxDir = resolve(join(settings.FRM_DATA_DIR, 'outbox'));
  const mail = openMailSender({ ...(settings.FRM_SMTP_URL ? { smtpUrl: settings.FRM_SMTP_URL } : {}), outboxDir, from: settings.FRM_MAIL_FROM });
  if (!settings.FRM_SMTP_URL) logger.warn(`no FRM_SMTP_URL: e-mail is written as .eml files to ${outboxDir}, not sent`);
  if (!settings.FRM_UNSUBSCRIBE_SECRET) logger.warn('no FRM_UNSUBSCRIBE_SECRET: unsubscribe links in mails work only until this process stops; set it in production');
  if (settings.FRM_WEBHOOK_ALLOW_PRIVATE) logger.warn('FRM_WEBHOOK_ALLOW_PRIVATE=1: webhooks may call private and loopback addresses; never in production');
  return {
    mail,
    allowPrivateWebhooks: settings.FRM_WEBHOOK_ALLOW_PRIVATE,
    mailRetrySchedule: settings.FRM_MAIL_RETRY_SCHEDULE,
    webhookRetrySchedule: settings.FRM_WEBHOOK_RETRY_SCHEDULE,
    disableWebhookAfterDeadLetters: settings.FRM_WEBHOOK_DISABLE_AFTER,
    publicUrl: settings.FRM_PUBLIC_URL,
    unsubscribeKey: settings.FRM_UNSUBSCRIBE_SECRET ? Buffer.from(settings.FRM_UNSUBSCRIBE_SECRET) : randomBytes(32),
    ...(metricsRegistry ? { metricsRegistry } : {}),
  };
}
