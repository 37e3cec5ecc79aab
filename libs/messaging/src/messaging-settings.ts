import { boolean, defineSettings, duration, oneOf, positiveInt, type SettingsOf } from '@frm/config';
import type { EventRelayOptions } from './relay/event-relay';

/**
 * The variables a service that relays or consumes events reads, besides FRM_KAFKA_BROKERS (in
 * runModeSettings). Spread into the service's schema and pass the loaded values to {@link relayOptionsFrom}.
 */
export const messagingSettings = defineSettings({
  FRM_KAFKA_COMPRESSION: oneOf(['none', 'gzip']).default('none').describe('compression of produced batches'),
  FRM_KAFKA_CONNECT_TIMEOUT: duration('30s').default(30_000).describe('how long start-up waits for a Kafka broker to answer'),
  FRM_KAFKA_CREATE_TOPICS: boolean()
    .default(false)
    .describe('create missing topics at start (local clusters); elsewhere the deployment defines them'),
  FRM_KAFKA_TOPIC_PARTITIONS: positiveInt(1_000, '6').default(6).describe('partitions of the topics created at start'),
  FRM_RELAY_BATCH_SIZE: positiveInt(10_000, '500').default(500).describe('events the relay reads and sends per Kafka batch'),
});

export type MessagingSettings = SettingsOf<typeof messagingSettings>;

/** The relay options that the settings decide. */
export function relayOptionsFrom(
  settings: MessagingSettings & { FRM_KAFKA_BROKERS: readonly string[] },
): Pick<EventRelayOptions, 'kafka' | 'batchSize' | 'createTopics'> {
  return {
    kafka: {
      brokers: settings.FRM_KAFKA_BROKERS,
      compression: settings.FRM_KAFKA_COMPRESSION,
      connectTimeoutMs: settings.FRM_KAFKA_CONNECT_TIMEOUT,
    },
    batchSize: settings.FRM_RELAY_BATCH_SIZE,
    createTopics: settings.FRM_KAFKA_CREATE_TOPICS ? { numPartitions: settings.FRM_KAFKA_TOPIC_PARTITIONS } : undefined,
  };
}
