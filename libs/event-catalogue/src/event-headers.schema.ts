import type { EventSchemaRegistry } from '@frm/contracts';
import type { RecordedEvent } from '@frm/event-store';
import { CLOUDEVENTS_SPEC_VERSION, EventHeaders, PROTOBUF_CONTENT_TYPE, toEventMessage, type EventRoute } from '@frm/messaging';
import type { SchemaObject } from './asyncapi.types';
import { keyOfHeader } from './header-names';

interface HeaderContext {
  /** The event types of the route, sorted. */
  readonly eventTypes: readonly string[];
  readonly route: EventRoute;
}

const DECIMAL = '^[0-9]+$';

/** What each header means; a header the platform sends without an entry here fails the catalogue's build. */
const eventHeaderDocs: Readonly<Record<keyof typeof EventHeaders, (context: HeaderContext) => SchemaObject>> = {
  specVersion: () => ({ const: CLOUDEVENTS_SPEC_VERSION, description: 'CloudEvents specification version (binary content mode of the Kafka protocol binding).' }),
  id: () => ({
    description: 'The event id: unique per event, and the same on every redelivery and every replay. Consumers de-duplicate on it.',
  }),
  type: ({ eventTypes }) => ({ enum: eventTypes, description: 'The event type: the full name of the protobuf message in the value.' }),
  source: ({ route }) => ({ const: route.source, description: 'The service that emits this family of events.' }),
  subject: ({ route }) => ({ description: `The aggregate the event is about: the event's \`${route.subjectField}\`.` }),
  time: () => ({ format: 'date-time', description: "When it happened (the event's `occurredAt`), else when it was stored; RFC 3339." }),
  correlationId: () => ({ description: 'The request that started the chain of events, when known.' }),
  causationId: () => ({ description: 'The message that caused this event, when known.' }),
  contentType: () => ({ const: PROTOBUF_CONTENT_TYPE, description: 'The value is the binary protobuf encoding of the message named by `ce_type`.' }),
  position: () => ({ pattern: '^[0-9]+/[0-9]+$', description: "The event's position in the event store's global order, `<commit>/<prepare>`." }),
  streamId: () => ({ description: 'The event store stream (one aggregate) the event belongs to.' }),
  streamRevision: () => ({ pattern: DECIMAL, description: "The event's number within its stream, from 0, one more for each event of the stream." }),
  traceparent: () => ({
    pattern: '^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$',
    description:
      'W3C trace context of the request that caused the event, when it was traced: start the consumer span as its child (or link to it) to follow a vote from the board to your service.',
  }),
  replay: () => ({
    const: 'true',
    description:
      'Only on events published again by `RepublishEvents` (`frm dr republish`) for a consumer that lost data: the same event, same id and headers, sent again.',
  }),
};

/**
 * The headers of the Kafka messages of a route's events, found by asking the platform's own
 * `toEventMessage`: those of an event without metadata are always there, the rest (correlation,
 * causation, trace context, replay) only sometimes.
 */
export function eventHeadersSchema(route: EventRoute, eventTypes: readonly string[], registry: Pick<EventSchemaRegistry, 'toBinary'>): SchemaObject {
  const [eventType] = eventTypes;
  if (eventType === undefined) throw new RangeError(`The route of ${route.eventTypePrefix} takes no event type`);
  const options = { routes: [route], registry };
  const always = toEventMessage(sampleEvent(eventType, {}), options).message.headers ?? {};
  const sometimes = toEventMessage(sampleEvent(eventType, { correlationId: 'c', causationId: 'c', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' }), { ...options, replay: true }).message.headers ?? {};
  const names = Object.keys(sometimes);
  return {
    type: 'object',
    title: `Headers of ${route.eventTypePrefix}… events`,
    description: 'Kafka record headers, every value UTF-8 text.',
    properties: Object.fromEntries(names.map((name) => [name, { type: 'string', ...docOf(name)({ eventTypes, route }) }])),
    required: names.filter((name) => Object.hasOwn(always, name)),
  };
}

/** Header name → its entry in {@link eventHeaderDocs}. */
function docOf(name: string): (context: HeaderContext) => SchemaObject {
  const key = keyOfHeader(EventHeaders, name);
  if (key === undefined) throw new RangeError(`Event messages carry a header "${name}" that is not in EventHeaders; describe it in event-headers.schema.ts`);
  return eventHeaderDocs[key];
}

function sampleEvent(type: string, metadata: RecordedEvent['metadata']): RecordedEvent {
  return {
    id: 'sample',
    type,
    data: {},
    metadata,
    streamId: 'sample',
    revision: 0n,
    position: { commit: 0n, prepare: 0n },
    recordedAt: new Date(0),
  };
}
