export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Who caused an event and why; carried with every event, never PII. */
export interface EventMetadata {
  correlationId?: string;
  causationId?: string;
  /** Subject id (JWT `sub`) of the person or system that caused the event. */
  actor?: string;
  schemaVersion?: number;
  [key: string]: JsonValue | undefined;
}

/** An event about to be appended. `id` is a UUID; derive it from the command id to make retries harmless. */
export interface NewEvent<Type extends string = string, Data extends JsonObject = JsonObject> {
  id: string;
  type: Type;
  data: Data;
  metadata?: EventMetadata;
}

/**
 * Where an event sits in the store's global order. `commit` orders transactions and `prepare`
 * orders events inside one; compare with {@link comparePositions}.
 */
export interface Position {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export interface RecordedEvent<Type extends string = string, Data extends JsonObject = JsonObject>
  extends Required<Pick<NewEvent<Type, Data>, 'id' | 'type' | 'data'>> {
  metadata: EventMetadata;
  streamId: string;
  /** 0 for a stream's first event. */
  revision: bigint;
  position: Position;
  recordedAt: Date;
}
