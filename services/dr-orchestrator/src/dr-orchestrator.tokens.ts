export const DATABASE = Symbol('dr-orchestrator.database');
export const EVENT_STORE = Symbol('dr-orchestrator.event-store');
export const LOGGER = Symbol('dr-orchestrator.logger');
export const FREEZE_POLICY = Symbol('dr-orchestrator.freeze-policy');
export const CLOCK = Symbol('dr-orchestrator.clock');
export const AUDIT_SCHEMA = Symbol('dr-orchestrator.audit-schema');
export const BACKUPS = Symbol('dr-orchestrator.backups');
export const RAW_EVENT_STORE = Symbol('dr-orchestrator.raw-event-store');
export const REPUBLISH_KAFKA = Symbol('dr-orchestrator.republish-kafka');
export const REPUBLISH_ROUTES = Symbol('dr-orchestrator.republish-routes');
export const EVENT_STORE_WRAPPER = Symbol('dr-orchestrator.event-store-wrapper');
/** Where the services cache answers of their read models (CacheStore); absent: nothing to invalidate. */
export const CACHE_STORE = Symbol('dr-orchestrator.cache-store');
export const ABANDONED_COPY_AFTER_MS = Symbol('dr-orchestrator.abandoned-copy-after-ms');
