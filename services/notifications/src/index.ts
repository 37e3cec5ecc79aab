// The notifications service's rules, pure and tested; the gRPC service that applies them is next.
export { checkDeliveryWindow, DEFAULT_QUIET_HOURS, deliveryTimeFor, InvalidDeliveryWindowError, type DeliveryWindow, type LocalTime } from './delivery-window/delivery-window';
export { DEFAULT_WEBHOOK_RETRY_SCHEDULE, InvalidRetryScheduleError, nextAttemptAt, parseRetrySchedule } from './webhooks/retry-schedule';
export { newWebhookSecret, signDelivery, type SignedDeliveryHeaders } from './webhooks/webhook-signature';
export { checkWebhookUrl, WebhookUrlRefusedError, type WebhookUrlPolicy } from './webhooks/webhook-url-policy';
