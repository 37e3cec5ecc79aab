/** The event store (schema-validated) of every service's streams, and of the subjects' streams. */
export const EVENT_STORE = Symbol('compliance.event-store');
/** The Postgres database of the key table, the ledger, the read models and the audit log. */
export const COMPLIANCE_DATABASE = Symbol('compliance.database');
export const LOGGER = Symbol('compliance.logger');
/** The subjects' wrapped data keys (libs/pii's key table in `compliance_keys`). */
export const SUBJECT_KEYS = Symbol('compliance.subject-keys');
/** The master keys that wrap the data keys. */
export const MASTER_KEYS = Symbol('compliance.master-keys');
/** The erasure ledger and the data-request log (schema `compliance_ledger`). */
export const ERASURE_LEDGER = Symbol('compliance.erasure-ledger');
export const DATA_REQUEST_LOG = Symbol('compliance.data-request-log');
/** The audit log and, when Kafka is configured, where its heads are published. */
export const COMPLIANCE_AUDIT = Symbol('compliance.audit');
/** Schema of the subject index read model, or `null` for the projection's default. */
export const SUBJECT_INDEX_SCHEMA = Symbol('compliance.subject-index-schema');
/** Schema of the audit trail projection's checkpoint, or `null` for the projection's default. */
export const AUDIT_TRAIL_SCHEMA = Symbol('compliance.audit-trail-schema');
/** The bulk-export rule's numbers and its per-admin hourly limiter. */
/** The SubjectEraser the handlers and the start-up completion share. */
export const SUBJECT_ERASER = Symbol('compliance.subject-eraser');
/** The PiiCipher over the key table, for exports. */
export const PII_CIPHER = Symbol('compliance.pii-cipher');
/** Schema of the audit log. */
export const AUDIT_SCHEMA = Symbol('compliance.audit-schema');
export const EXPORT_LIMITS = Symbol('compliance.export-limits');
export const BULK_EXPORT_LIMITER = Symbol('compliance.bulk-export-limiter');
