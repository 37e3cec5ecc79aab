/** The event store the service reads and appends to (schema-validated; titles decrypted when a cipher is given). */
export const EVENT_STORE = Symbol('triage.event-store');
/** The Postgres database of the triage read model and its derived tables. */
export const READ_MODEL_DATABASE = Symbol('triage.read-model-database');
export const LOGGER = Symbol('triage.logger');
/** Where the tables live and how scores are computed: {@link TriageConfig}. */
export const TRIAGE_CONFIG = Symbol('triage.config');
/** The text model, or why it is not there: {@link TextModel}. */
export const TEXT_MODEL = Symbol('triage.text-model');
/** Signs page tokens. */
export const PAGE_TOKEN_KEY = Symbol('triage.page-token-key');
