import type { IHeaders, KafkaMessage } from 'kafkajs';
import type { EventSchemaRegistry } from '@frm/contracts';
import { parsePosition, type Position } from '@frm/event-store';
import type { ConsumedEvent, KafkaCoordinates } from './consumed-event';
import { CLOUDEVENTS_SPEC_VERSION, EventHeaders, PROTOBUF_CONTENT_TYPE } from './event-headers';
import { UndecodableMessageError } from './undecodable-message.error';

/**
 * Reads an event message back: the CloudEvents headers, and the protobuf value as canonical JSON.
 *
 * @throws UndecodableMessageError when a required header is missing, the content type or spec
 * version is not ours, the event type is unknown to `registry`, or the bytes do not decode.
 */
export function decodeEventMessage(
  message: Pick<KafkaMessage, 'key' | 'value' | 'headers' | 'offset'>,
  where: { topic: string; partition: number },
  registry: Pick<EventSchemaRegistry, 'fromBinary'>,
): ConsumedEvent {
  const kafka: KafkaCoordinates = { ...where, offset: message.offset, key: message.key?.toString('utf8') };
  const header = (name: string) => headerText(message.headers, name);
  const refuse = (reason: string, cause?: unknown): never => {
    throw new UndecodableMessageError(kafka, reason, cause);
  };

  const specVersion = header(EventHeaders.specVersion);
  if (specVersion !== CLOUDEVENTS_SPEC_VERSION) {
    refuse(specVersion === undefined ? `no ${EventHeaders.specVersion} header` : `CloudEvents spec version "${specVersion}" is not ${CLOUDEVENTS_SPEC_VERSION}`);
  }
  const id = header(EventHeaders.id) || refuse(`no ${EventHeaders.id} header`);
  const type = header(EventHeaders.type) || refuse(`no ${EventHeaders.type} header`);
  const contentType = header(EventHeaders.contentType);
  if (contentType !== undefined && contentType !== PROTOBUF_CONTENT_TYPE) refuse(`content type "${contentType}" is not ${PROTOBUF_CONTENT_TYPE}`);
  if (!message.value) refuse('the message has no value');

  let data: Record<string, unknown>;
  try {
    data = registry.fromBinary(type, message.value as Buffer);
  } catch (error) {
    return refuse(error instanceof Error ? error.message : String(error), error);
  }
  const revision = header(EventHeaders.streamRevision);
  return {
    id,
    type,
    source: header(EventHeaders.source),
    subject: header(EventHeaders.subject),
    time: header(EventHeaders.time),
    data,
    correlationId: header(EventHeaders.correlationId),
    traceparent: header(EventHeaders.traceparent),
    causationId: header(EventHeaders.causationId),
    streamId: header(EventHeaders.streamId),
    streamRevision: revision !== undefined && /^\d+$/.test(revision) ? BigInt(revision) : undefined,
    position: positionOf(header(EventHeaders.position)),
    replay: header(EventHeaders.replay) === 'true',
    kafka,
  };
}

/** A header's value as text (the first, if it was sent more than once). */
export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const raw = headers?.[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value === undefined ? undefined : value.toString();
}

// Where the event sat in the store is information, not something to refuse a message for.
function positionOf(text: string | undefined): Position | undefined {
  try {
    return text === undefined ? undefined : parsePosition(text);
  } catch {
    return undefined;
  }
}
