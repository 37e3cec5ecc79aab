import type { Message, TopicMessages } from 'kafkajs';
import type { EventSchemaRegistry } from '@frm/contracts';
import { formatPosition, type RecordedEvent } from '@frm/event-store';
import { CLOUDEVENTS_SPEC_VERSION, EventHeaders, PROTOBUF_CONTENT_TYPE } from './event-headers';
import { findRoute, type EventRoute } from './event-routes';
import { UnpublishableEventError } from './unpublishable-event.error';

// A W3C traceparent, version 00: anything else in the metadata is not passed on.
const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

export interface EventMessageOptions {
  readonly routes: readonly EventRoute[];
  readonly registry: Pick<EventSchemaRegistry, 'toBinary'>;
  /** Marks the messages as published again (`frm-replay: true`). */
  readonly replay?: boolean;
}

export interface RoutedMessage {
  readonly topic: string;
  readonly message: Message;
}

/**
 * The Kafka message of a stored event: binary protobuf data with CloudEvents binary-mode headers,
 * keyed so that the events of one aggregate stay in order. No Kafka timestamp is set on purpose: an
 * event replayed months later would carry its old time, and the broker's time-based retention would
 * delete it at once.
 *
 * @throws UnpublishableEventError when no route takes the event or its data does not encode.
 */
export function toEventMessage(event: RecordedEvent, options: EventMessageOptions): RoutedMessage {
  const route = findRoute(options.routes, event.type);
  if (!route) throw new UnpublishableEventError(event, 'no route takes this event type');
  let bytes: Uint8Array;
  try {
    bytes = options.registry.toBinary(event.type, event.data);
  } catch (error) {
    throw new UnpublishableEventError(event, error instanceof Error ? error.message : String(error), error);
  }
  const headers: Record<string, string> = {
    [EventHeaders.specVersion]: CLOUDEVENTS_SPEC_VERSION,
    [EventHeaders.id]: event.id,
    [EventHeaders.type]: event.type,
    [EventHeaders.source]: route.source,
    [EventHeaders.subject]: textField(event, route.subjectField) ?? event.streamId,
    [EventHeaders.time]: occurredAt(event),
    [EventHeaders.contentType]: PROTOBUF_CONTENT_TYPE,
    [EventHeaders.position]: formatPosition(event.position),
    [EventHeaders.streamId]: event.streamId,
    [EventHeaders.streamRevision]: event.revision.toString(),
  };
  const { correlationId, causationId, traceparent } = event.metadata;
  if (typeof correlationId === 'string' && correlationId) headers[EventHeaders.correlationId] = correlationId;
  if (typeof causationId === 'string' && causationId) headers[EventHeaders.causationId] = causationId;
  if (typeof traceparent === 'string' && TRACEPARENT.test(traceparent)) headers[EventHeaders.traceparent] = traceparent;
  if (options.replay) headers[EventHeaders.replay] = 'true';
  return {
    topic: route.topic,
    message: {
      // An event without its key field (never valid, but not ours to refuse) still keeps its stream in order.
      key: textField(event, route.keyField) ?? event.streamId,
      value: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      headers,
    },
  };
}

/** The messages of a batch of events, grouped by topic, each topic's messages in event order. */
export function toTopicMessages(events: readonly RecordedEvent[], options: EventMessageOptions): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const event of events) {
    const { topic, message } = toEventMessage(event, options);
    const messages = byTopic.get(topic);
    if (messages) messages.push(message);
    else byTopic.set(topic, [message]);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

function textField(event: RecordedEvent, field: string): string | undefined {
  const value = event.data[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** CloudEvents `time` is when the occurrence happened: the event's own `occurredAt` (RFC 3339 in canonical JSON), else when it was stored. */
function occurredAt(event: RecordedEvent): string {
  return textField(event, 'occurredAt') ?? event.recordedAt.toISOString();
}
