export type { EventMetadata, JsonObject, JsonValue, NewEvent, Position, RecordedEvent } from './events';
export type {
  AppendOptions,
  AppendResult,
  EventFilter,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
  Subscription,
  SubscriptionBatch,
} from './event-store.port';
export type { CurrentRevision, ExpectedRevision } from './expected-revision';
export { EventIdReusedError, InvalidEventError, WrongExpectedRevisionError } from './errors';
export { START, comparePositions, formatPosition, lagBetween, parsePosition } from './position';
export { eventIdFor } from './event-id';
export { withSchemaValidation, type EventSchemaValidator } from './schema-validating-event-store';
export { openPostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres-event-store';
export { openEventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
export type { EventImport, EventImportOptions, EventImportProgress, EventImportResult, ImportedEvent } from './event-import.port';
export { ImportConflictError, TargetNotEmptyError } from './event-import.errors';
export { openPostgresEventImport, type PostgresEventImportOptions } from './postgres/postgres-event-import';
export { secondsWaitingAfter } from './waiting-since';
export { matchesFilter } from './event-filter';
