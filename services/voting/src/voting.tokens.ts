/** The event store (schema-validated) that holds the vote streams, and where the feature requests are read from. */
export const EVENT_STORE = Symbol('voting.event-store');
/** The same store without decryption: what the relay publishes (ciphertext stays ciphertext on Kafka). */
export const RAW_EVENT_STORE = Symbol('voting.raw-event-store');
/** The Postgres database of the votes read model and the processors' checkpoints. */
export const READ_MODEL_DATABASE = Symbol('voting.read-model-database');
/** The service's pino logger. */
export const LOGGER = Symbol('voting.logger');
/** Schema of the votes read model, or `null` for the projection's default. */
export const READ_MODEL_SCHEMA = Symbol('voting.read-model-schema');
/** Keys the HMAC of client addresses and device fingerprints. */
export const SIGNAL_HASH_KEY = Symbol('voting.signal-hash-key');
/** The synchronous velocity limits of the vote path. */
export const VOTE_VELOCITY = Symbol('voting.vote-velocity');
/** The fraud-detection configuration. */
export const FRAUD_CONFIG = Symbol('voting.fraud-config');
/** Schema of the processors' checkpoint table. */
export const PROCESSOR_SCHEMA = Symbol('voting.processor-schema');
/** Counts votes and fraud flags (FraudMetrics). */
export const FRAUD_METRICS = Symbol('voting.fraud-metrics');
/** The cache of tallies (ReadCache), invalidated per feature request by the votes projection. */
export const TALLY_CACHE = Symbol('voting.tally-cache');
/** Signs page tokens. */
export const PAGE_TOKEN_KEY = Symbol('voting.page-token-key');
