// The notifications service's rules and its delivery adapters (mail, webhooks); the gRPC service that applies them is next.
export { checkDeliveryWindow, DEFAULT_QUIET_HOURS, deliveryTimeFor, InvalidDeliveryWindowError, type DeliveryWindow, type LocalTime } from './delivery-window/delivery-window';
export { DEFAULT_WEBHOOK_RETRY_SCHEDULE, InvalidRetryScheduleError, nextAttemptAt, parseRetrySchedule } from './webhooks/retry-schedule';
export { newWebhookSecret, signDelivery, type SignedDeliveryHeaders } from './webhooks/webhook-signature';
export { checkWebhookUrl, WebhookUrlRefusedError, type WebhookUrlPolicy } from './webhooks/webhook-url-policy';
export { openMailSender, type MailSender, type MailSenderOptions, type OutgoingMail } from './mail/mail-sender';
export { statusChangeMail, type RenderedMail, type StatusChangeNotice } from './mail/status-change-mail';
export { InvalidUnsubscribeTokenError, signUnsubscribeToken, UNSUBSCRIBE_LINK_LIFETIME_S, verifyUnsubscribeToken, type UnsubscribeClaim, type UnsubscribeScope } from './mail/unsubscribe-token';
export { WebhookSender, type AttemptOutcome, type WebhookDelivery, type WebhookSenderOptions } from './webhooks/webhook-sender';
