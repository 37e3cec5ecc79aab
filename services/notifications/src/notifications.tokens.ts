/** The event store the service reads and appends to (schema-validated; titles decrypted when a cipher is given). */
export const EVENT_STORE = Symbol('notifications.event-store');
/** The Postgres database of the notifications read model. */
export const READ_MODEL_DATABASE = Symbol('notifications.read-model-database');
export const LOGGER = Symbol('notifications.logger');
/** Schema of the read model, or `null` for the projection's default. */
export const READ_MODEL_SCHEMA = Symbol('notifications.read-model-schema');
/** Signs page tokens. */
export const PAGE_TOKEN_KEY = Symbol('notifications.page-token-key');
/** How e-mail and webhooks go out ({@link DeliveryOptions}), or `null`: this process sends nothing. */
export const DELIVERY = Symbol('notifications.delivery');
/** Whether webhook URLs may point at private addresses (`FRM_WEBHOOK_ALLOW_PRIVATE`). */
export const WEBHOOK_URL_POLICY = Symbol('notifications.webhook-url-policy');
