import { boolean, custom, defineSettings, logSettings, port, positiveInt, runModeSettings, secretText, text, url } from '@frm/config';
import { masterKeySettings } from '@frm/pii';
import { z } from 'zod';
import { DEFAULT_MAIL_RETRY_SCHEDULE } from './delivery/delivery-settings';
import { DEFAULT_WEBHOOK_RETRY_SCHEDULE, parseRetrySchedule } from './webhooks/retry-schedule';

/** Comma-separated durations (`5s,5m,2h`); the value is the delays in milliseconds. */
const retrySchedule = (example: string) =>
  custom<number[]>({
    schema: z.string().transform((text, context) => {
      try {
        return parseRetrySchedule(text);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
    expected: 'comma-separated durations above zero (5s, 5m, 2h, 1d)',
    example,
  });

/** The environment the notifications service reads, alone (`npm run start:notifications`) or inside the launcher. */
export const notificationsSettings = defineSettings({
  ...runModeSettings,
  ...logSettings,
  FRM_NOTIFICATIONS_GRPC_HOST: text('127.0.0.1')
    .default('127.0.0.1')
    .describe('address the notifications gRPC service listens on; keep it private, as the gateway is the way in'),
  FRM_NOTIFICATIONS_GRPC_PORT: port().default(50054).describe('port of the notifications gRPC service (0 picks a free one)'),
  ...masterKeySettings,
  FRM_COMPLIANCE_GRPC_ADDRESS: text('127.0.0.1:50053')
    .optional()
    .describe("host:port of the compliance service, whose keys decrypt requests' titles; unset: titles are shown as stored, with a warning"),
  FRM_PAGE_TOKEN_SECRET: secretText(32)
    .optional()
    .describe('signs page tokens; give every replica the same one. Unset: a random key per process, so tokens end with it'),
  FRM_NOTIFICATIONS_METRICS_PORT: port().optional().describe('port of the notifications service\'s GET /metrics (deliveries by channel and outcome); unset: no metrics listener'),
  FRM_SMTP_URL: url(['smtp', 'smtps'], 'smtp://user:password@mail.example.com:587')
    .optional()
    .describe('SMTP server for e-mail; unset: mails are written as .eml files under FRM_DATA_DIR/outbox'),
  FRM_MAIL_FROM: text('Feature requests <no-reply@example.com>').default('Feature requests <no-reply@frm.localhost>').describe('the From of every mail'),
  FRM_MAIL_RETRY_SCHEDULE: retrySchedule(DEFAULT_MAIL_RETRY_SCHEDULE)
    .default(parseRetrySchedule(DEFAULT_MAIL_RETRY_SCHEDULE))
    .describe('delays between attempts of a mail the SMTP server did not accept; the last repeats, so mail is never dropped'),
  FRM_PUBLIC_URL: url(['http', 'https'], 'https://board.example.com').default('http://127.0.0.1:8080').describe("the board's address, for the links in mails"),
  FRM_UNSUBSCRIBE_SECRET: secretText(32)
    .optional()
    .describe('signs the one-click unsubscribe links in mails; give every replica the same one. Unset: a development key kept in FRM_DATA_DIR/unsubscribe-key'),
  FRM_WEBHOOK_RETRY_SCHEDULE: retrySchedule(DEFAULT_WEBHOOK_RETRY_SCHEDULE)
    .default(parseRetrySchedule(DEFAULT_WEBHOOK_RETRY_SCHEDULE))
    .describe('delays between attempts of a webhook delivery (±20% jitter); after the last, the delivery is a dead letter'),
  FRM_WEBHOOK_ALLOW_PRIVATE: boolean().default(false).describe('1: webhooks may point at private, loopback and link-local addresses (tests, local development)'),
  FRM_WEBHOOK_DISABLE_AFTER: positiveInt(1000, '3').default(3).describe('a webhook whose deliveries become dead letters this many times in a row is disabled and its owner told'),
});
