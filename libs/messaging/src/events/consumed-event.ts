import type { Position } from '@frm/event-store';

/** Where a consumed message was on Kafka. */
export interface KafkaCoordinates {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | undefined;
}

/** An event read back from Kafka: its CloudEvents attributes and its data as canonical proto3 JSON. */
export interface ConsumedEvent {
  /** The event id: the same on every redelivery and every replay, so it is what consumers de-duplicate on. */
  readonly id: string;
  readonly type: string;
  readonly source: string | undefined;
  /** The aggregate id. */
  readonly subject: string | undefined;
  /** RFC 3339. */
  readonly time: string | undefined;
  /** Canonical proto3 JSON, exactly as the event store holds it. */
  readonly data: Record<string, unknown>;
  readonly correlationId: string | undefined;
  readonly causationId: string | undefined;
  /** W3C trace context of the request that caused the event, when it was traced. */
  readonly traceparent: string | undefined;
  readonly streamId: string | undefined;
  readonly streamRevision: bigint | undefined;
  /** The event's position in the event store. */
  readonly position: Position | undefined;
  /** Published again by a replay, not for the first time. */
  readonly replay: boolean;
  readonly kafka: KafkaCoordinates;
}
