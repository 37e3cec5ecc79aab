import type { DescMessage } from '@bufbuild/protobuf';
import { PROTOBUF_CONTENT_TYPE, deadLetterTopicOf, findRoute, topicsOf, type EventRoute } from '@frm/messaging';
import type { AsyncApiChannel, AsyncApiDocument, AsyncApiMessage, AsyncApiOperation, Reference, SchemaObject } from './asyncapi.types';
import type { CatalogueSources } from './catalogue-sources';
import { deadLetterMessage } from './dead-letter.message';
import { EXAMPLE_CONSUMER_PATH, catalogueDescription, deliveryGuarantees } from './delivery-guarantees';
import { eventHeadersSchema } from './event-headers.schema';
import { deadLetterTopicBinding, eventTopicBinding } from './kafka-topic-bindings';
import { ProtobufJsonSchemas, componentRef, describedBy } from './protobuf-json-schemas';

const DEAD_LETTER = 'DeadLetter';

/**
 * The AsyncAPI 3.0.0 document of the platform's Kafka events: a channel per topic of the routes with
 * the event types the routes send there, each event's payload schema from its protobuf descriptor,
 * headers and key as the platform writes them, and each topic's dead-letter topic.
 */
export function buildEventCatalogue(sources: CatalogueSources): AsyncApiDocument {
  const schemas = new ProtobufJsonSchemas(sources.comments);
  const messages: Record<string, AsyncApiMessage> = {};
  const channels: Record<string, AsyncApiChannel> = {};
  const operations: Record<string, AsyncApiOperation> = {};
  const headerSchemas: Record<string, SchemaObject> = {};
  const routed = new Set<string>();

  for (const topic of topicsOf(sources.routes)) {
    const events = sources.eventSchemas.flatMap((schema) => {
      const route = findRoute(sources.routes, schema.typeName);
      return route?.topic === topic ? [{ schema, route }] : [];
    });
    const routes = sources.routes.filter((route) => route.topic === topic);
    for (const route of routes) {
      const types = events.filter((event) => event.route === route).map(({ schema }) => schema.typeName);
      if (types.length > 0) headerSchemas[headersName(route)] = eventHeadersSchema(route, types, sources.registry);
    }
    for (const { schema, route } of events) {
      messages[schema.name] = eventMessage(schema, route, sources.comments.get(schema.typeName), schemas.messageRef(schema));
      routed.add(schema.typeName);
    }
    channels[topic] = {
      address: topic,
      title: topic,
      description: topicDescription(routes),
      messages: Object.fromEntries(events.map(({ schema }) => [schema.name, messageRef(schema.name)])),
      bindings: { kafka: eventTopicBinding(topic, sources.topicPartitions) },
    };
    operations[`receive${pascalCase(topic)}`] = {
      action: 'receive',
      channel: channelRef(topic),
      title: `Consume ${topic}`,
      summary: `Consume the ${routes.map((route) => `${route.eventTypePrefix}…`).join(', ')} events.`,
      description: `${deliveryGuarantees.deduplication} ${deliveryGuarantees.ordering}`,
      messages: events.map(({ schema }) => channelMessageRef(topic, schema.name)),
    };

    const deadLetters = deadLetterTopicOf(topic);
    channels[deadLetters] = {
      address: deadLetters,
      title: deadLetters,
      description: `Dead letters of ${topic}: the messages its consumers gave up on, with the reason.`,
      messages: { [DEAD_LETTER]: messageRef(DEAD_LETTER) },
      bindings: { kafka: deadLetterTopicBinding(deadLetters) },
    };
    operations[`deadLetter${pascalCase(topic)}`] = {
      action: 'send',
      channel: channelRef(deadLetters),
      title: `Dead-letter ${topic}`,
      summary: `A consumer of ${topic} gives up on a message.`,
      description:
        'Sent by a consumer (`IdempotentConsumer` from `@frm/messaging`) when a message cannot be decoded, or when handling it failed on ' +
        'every attempt while the database answered. The consumer then commits past it and goes on.',
      messages: [channelMessageRef(deadLetters, DEAD_LETTER)],
    };
  }
  messages[DEAD_LETTER] = deadLetterMessage();

  const unpublished = sources.eventSchemas.map((schema) => schema.typeName).filter((type) => !routed.has(type));
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Feature request platform events',
      version: sources.version,
      description: catalogueDescription(unpublished),
      'x-frm-delivery': deliveryGuarantees,
      'x-frm-example-consumer': EXAMPLE_CONSUMER_PATH,
    },
    defaultContentType: PROTOBUF_CONTENT_TYPE,
    servers: {
      kafka: {
        host: '{bootstrap}',
        protocol: 'kafka',
        description: 'The platform’s Kafka cluster: plaintext, no authentication of its own; reach it from inside the deployment.',
        variables: {
          bootstrap: { description: 'A bootstrap broker, as the services are given it in FRM_KAFKA_BROKERS.', examples: ['kafka:9092'] },
        },
      },
    },
    channels,
    operations,
    components: { messages, schemas: { ...headerSchemas, ...schemas.components() } },
  };
}

function eventMessage(schema: DescMessage, route: EventRoute, comment: string | undefined, payload: Reference): AsyncApiMessage {
  return {
    name: schema.typeName,
    title: schema.name,
    ...(comment ? { summary: firstSentence(comment) } : {}),
    ...describedBy(comment),
    contentType: PROTOBUF_CONTENT_TYPE,
    headers: componentRef(headersName(route)),
    payload,
    correlationId: { location: '$message.header#/ce_correlationid', description: 'The request that started the chain of events.' },
    bindings: {
      kafka: {
        key: {
          type: 'string',
          description: `The event's \`${route.keyField}\`: every event with one ${route.keyField} is on one partition, in order.`,
        },
        bindingVersion: '0.5.0',
      },
    },
  };
}

/** `frm.events.v1.Vote` → `headers.frm.events.v1.Vote`: one headers schema per route, shared by its events. */
function headersName(route: EventRoute): string {
  return `headers.${route.eventTypePrefix}`;
}

function topicDescription(routes: readonly EventRoute[]): string {
  return routes
    .map((route) => {
      const keyed =
        route.keyField === route.subjectField
          ? `Keyed by \`${route.keyField}\`, the aggregate id.`
          : `Keyed by \`${route.keyField}\` rather than by the aggregate id (\`${route.subjectField}\`), so every event about one ${route.keyField} is in order on one partition.`;
      return `Events whose type starts with \`${route.eventTypePrefix}\`, emitted by \`${route.source}\`. ${keyed}`;
    })
    .join('\n\n');
}

function firstSentence(text: string): string {
  const end = text.search(/\.(\s|$)/);
  return end === -1 ? text : text.slice(0, end + 1);
}

/** `frm.feature-requests.v1` → `FrmFeatureRequestsV1`. */
function pascalCase(topic: string): string {
  return topic
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]?.toUpperCase() + word.slice(1))
    .join('');
}

const messageRef = (name: string): Reference => ({ $ref: `#/components/messages/${name}` });
const channelRef = (channel: string): Reference => ({ $ref: `#/channels/${channel}` });
const channelMessageRef = (channel: string, message: string): Reference => ({ $ref: `#/channels/${channel}/messages/${message}` });
