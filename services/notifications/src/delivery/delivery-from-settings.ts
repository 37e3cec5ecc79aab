import { join, resolve } from 'node:path';
import { keptSecret, type SettingsOf } from '@frm/config';
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

export interface DeliveryFromSettingsOptions {
  readonly metricsRegistry?: Registry;
  /** The caller says where mail goes in its own start-up line (the launcher): no line of ours. */
  readonly quiet?: boolean;
}

/**
 * How e-mail and webhooks go out, from the service's settings; says in the log where mail goes.
 * Without FRM_UNSUBSCRIBE_SECRET the unsubscribe links are signed with a development key kept in
 * the data folder, so links in mails already sent work after a restart.
 */
export async function deliveryOptionsFrom(settings: DeliverySettings, logger: Logger, options: DeliveryFromSettingsOptions = {}): Promise<DeliveryOptions> {
  const outboxDir = mailOutboxOf(settings);
  const mail = openMailSender({ ...(settings.FRM_SMTP_URL ? { smtpUrl: settings.FRM_SMTP_URL } : {}), outboxDir, from: settings.FRM_MAIL_FROM });
  if (!options.quiet) logger.info(`e-mail goes to ${mail.description}${settings.FRM_SMTP_URL ? '' : ' (.eml files; set FRM_SMTP_URL to send it)'}`);
  const unsubscribeKey = settings.FRM_UNSUBSCRIBE_SECRET ?? (await keptSecret(settings.FRM_DATA_DIR, 'unsubscribe-key')).secret;
  if (settings.FRM_WEBHOOK_ALLOW_PRIVATE) logger.warn('FRM_WEBHOOK_ALLOW_PRIVATE=1: webhooks may call private and loopback addresses; never in production');
  return {
    mail,
    allowPrivateWebhooks: settings.FRM_WEBHOOK_ALLOW_PRIVATE,
    mailRetrySchedule: settings.FRM_MAIL_RETRY_SCHEDULE,
    webhookRetrySchedule: settings.FRM_WEBHOOK_RETRY_SCHEDULE,
    disableWebhookAfterDeadLetters: settings.FRM_WEBHOOK_DISABLE_AFTER,
    publicUrl: settings.FRM_PUBLIC_URL,
    unsubscribeKey: Buffer.from(unsubscribeKey),
    ...(options.metricsRegistry ? { metricsRegistry: options.metricsRegistry } : {}),
  };
}

/** Where mail is written without SMTP: `FRM_DATA_DIR/outbox`. */
export function mailOutboxOf(settings: Pick<DeliverySettings, 'FRM_DATA_DIR'>): string {
  return resolve(join(settings.FRM_DATA_DIR, 'outbox'));
}
