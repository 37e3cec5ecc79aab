export { createKafkaClient, kafkaClientRetry, type KafkaClientOptions } from './kafka/kafka-client';
export { KafkaUnreachableError } from './kafka/kafka-unreachable.error';
export { waitForBroker, type WaitForBrokerOptions } from './kafka/wait-for-broker';
export { EventProducer, compressionOf, eventProducerConfig, eventSendRetry, type EventProducerOptions } from './kafka/event-producer';
export { TopicMissingError, assertTopicsExist, ensureTopics, type TopicSettings } from './kafka/topics';
export {
  FEATURE_REQUESTS_TOPIC,
  VOTES_TOPIC,
  assertValidRoutes,
  findRoute,
  frmEventRoutes,
  routedEventsFilter,
  topicsOf,
  withTopics,
  type EventRoute,
} from './events/event-routes';
export { CLOUDEVENTS_SPEC_VERSION, EventHeaders, PROTOBUF_CONTENT_TYPE } from './events/event-headers';
export { toEventMessage, toTopicMessages, type EventMessageOptions, type RoutedMessage } from './events/event-message';
export { UnpublishableEventError } from './events/unpublishable-event.error';
export { decodeEventMessage, headerText } from './events/decode-event-message';
export { UndecodableMessageError } from './events/undecodable-message.error';
export type { ConsumedEvent, KafkaCoordinates } from './events/consumed-event';
export { EventRelay, type EventRelayOptions } from './relay/event-relay';
export { ServiceRelay } from './relay/service-relay';
export { RELAY_CHECKPOINT_SCHEMA, RelayCheckpoints } from './relay/relay-checkpoints';
export type { PublishedBatch, RelayState, RelayStatus } from './relay/relay-status';
export { IdempotentConsumer, type EventHandler, type IdempotentConsumerOptions } from './consumer/idempotent-consumer';
export type { ConsumerState, ConsumerStatus } from './consumer/consumer-status';
export { DeadLetterHeaders, deadLetterTopicOf, toDeadLetterMessage, type DeadLetter } from './consumer/dead-letter';
export { DeadLetterPublisher, type DeadLetterPublisherOptions } from './consumer/dead-letter-publisher';
export { ProcessedEvents } from './consumer/processed-events';
export type { BackoffPolicy } from './retry/backoff';
export { messagingSettings, relayOptionsFrom, serviceRelayFrom, type MessagingSettings } from './messaging-settings';
export { KafkaBacklog, type ConsumerLag, type DeadLetterBacklog } from './kafka/kafka-backlog';
