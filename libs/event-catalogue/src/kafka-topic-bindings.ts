import type { KafkaChannelBinding } from './asyncapi.types';

/**
 * Apache Kafka's defaults for a topic without settings of its own (`log.cleanup.policy=delete`,
 * `log.retention.hours=168`): the platform creates its event topics without any, so these apply
 * unless the broker is configured otherwise.
 */
const BROKER_DEFAULTS = { 'cleanup.policy': ['delete'], 'retention.ms': 7 * 24 * 60 * 60 * 1000 } as const;

/** IdempotentConsumer creates a missing `<topic>.dlq` with one partition unless told otherwise. */
const DEAD_LETTER_TOPIC_PARTITIONS = 1;

const NO_TOPIC_CONFIGURATION =
  'The platform sets no topic configuration: `cleanup.policy` and `retention.ms` are the broker defaults ' +
  '(`log.cleanup.policy=delete`, `log.retention.hours=168`), unless the broker is configured otherwise. ' +
  "Replicas: the broker's `default.replication.factor`.";

export function eventTopicBinding(topic: string, partitions: number): KafkaChannelBinding {
  return {
    topic,
    partitions,
    topicConfiguration: BROKER_DEFAULTS,
    bindingVersion: '0.5.0',
    'x-frm-configured-by':
      'Created by the publishing service at start when `FRM_KAFKA_CREATE_TOPICS=true`, with `FRM_KAFKA_TOPIC_PARTITIONS` partitions ' +
      `(default ${partitions}); otherwise by the deployment. ${NO_TOPIC_CONFIGURATION}`,
  };
}

export function deadLetterTopicBinding(topic: string): KafkaChannelBinding {
  return {
    topic,
    partitions: DEAD_LETTER_TOPIC_PARTITIONS,
    topicConfiguration: BROKER_DEFAULTS,
    bindingVersion: '0.5.0',
    'x-frm-configured-by':
      `Created by the first consumer (\`IdempotentConsumer\`) that starts on the original topic, with ${DEAD_LETTER_TOPIC_PARTITIONS} partition ` +
      `unless its \`createDeadLetterTopics\` says otherwise. ${NO_TOPIC_CONFIGURATION}`,
  };
}
