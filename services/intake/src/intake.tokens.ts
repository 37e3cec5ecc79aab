/**
 * The event store (schema-validated) that holds every feature-request stream, as the service's
 * aggregates and projections see it: personal fields decrypted when a cipher is configured.
 */
export const EVENT_STORE = Symbol('intake.event-store');
/** The same store as it is stored: personal fields as ciphertext. What leaves the service (Kafka) comes from here. */
export const RAW_EVENT_STORE = Symbol('intake.raw-event-store');
/** The Postgres database of the read models (the same one as the event store's, in every mode for now). */
export const READ_MODEL_DATABASE = Symbol('intake.read-model-database');
/** The service's pino logger. */
export const LOGGER = Symbol('intake.logger');
/** The key that signs page tokens. */
export const PAGE_TOKEN_KEY = Symbol('intake.page-token-key');
/** Schema of the feature-request read model, or `null` for the projection's default. */
export const READ_MODEL_SCHEMA = Symbol('intake.read-model-schema');
/** The trend's half-life in ms (FRM_TREND_HALF_LIFE, the one triage uses): the `trending` sort decays votes by it. */
/** The cache of board lists (ReadCache), invalidated by the feature-request projection. */
export const LIST_CACHE = Symbol('intake.list-cache');
export const TREND_HALF_LIFE_MS = Symbol('intake.trend-half-life-ms');
