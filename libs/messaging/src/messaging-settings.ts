import { boolean, defineSettings, duration, InvalidSettingsError, oneOf, positiveInt, type RunModeSettings, type SettingsOf } from '@frm/config';
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

/**
 * Whether a service's process relays its events to Kafka, and how: exactly when FRM_KAFKA_BROKERS
 * is set (the local-cluster and distributed modes). Redis is not asked for, as `decideRunMode`
 * does: a service that uses none should not refuse to start for it. A Kafka without a server
 * Postgres is refused as `decideRunMode` refuses it: the embedded PGlite belongs to one process and
 * has no relay, so the events would never reach the address given.
 * @param service for the message: "intake", "voting"
 * @throws InvalidSettingsError when FRM_KAFKA_BROKERS is set without FRM_DATABASE_URL
 */
export function serviceRelayFrom(
  service: string,
  settings: Pick<RunModeSettings, 'FRM_DATABASE_URL' | 'FRM_KAFKA_BROKERS'> & MessagingSettings,
): Pick<EventRelayOptions, 'kafka' | 'batchSize' | 'createTopics'> | undefined {
  const brokers = settings.FRM_KAFKA_BROKERS;
  if (brokers === undefined) return undefined;
  if (settings.FRM_DATABASE_URL === undefined) {
    throw new InvalidSettingsError([
      {
        name: 'FRM_KAFKA_BROKERS',
        message:
          `FRM_KAFKA_BROKERS: set, but without FRM_DATABASE_URL ${service} runs embedded on PGlite, which publishes nothing to Kafka; ` +
          'set FRM_DATABASE_URL too (e.g. postgres://frm:frm@127.0.0.1:5432/frm), or unset FRM_KAFKA_BROKERS',
      },
    ]);
  }
  return relayOptionsFrom({ ...settings, FRM_KAFKA_BROKERS: brokers });
}
