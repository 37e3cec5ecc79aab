import { Kafka, logLevel, type ITopicConfig, type KafkaConfig } from 'kafkajs';
import { uniqueName } from '../unique-name';
import { kafkaTestRetry } from './kafka-client-defaults';
import { kafkaHome } from './kafka-home';
import { waitForKafka } from './wait-for-kafka';

export interface TestKafkaOptions {
  /** Brokers to use instead of FRM_KAFKA_BROKERS. */
  brokers?: readonly string[];
  /** How long to wait for the broker to answer before failing; 10 s unless given. */
  readyTimeoutMs?: number;
  /** kafkajs log level for the clients made from `config`; WARN unless given. */
  logLevel?: logLevel;
}

export interface TestTopicOptions {
  /** Readable start of the topic's unique name; `test` unless given. */
  prefix?: string;
  partitions?: number;
  configEntries?: ITopicConfig['configEntries'];
}

export interface TestKafka {
  readonly brokers: string[];
  /**
   * Client settings with an explicit retry that outlasts a broker restart whatever NODE_ENV is.
   * Give consumers a short `maxWaitTimeInMs` (e.g. 250): `disconnect()` waits for the pending fetch,
   * 5 s by default. Give idempotent producers `retry: idempotentProducerRetry`.
   */
  readonly config: KafkaConfig;
  /** A client made from `config`. */
  readonly kafka: Kafka;
  /** Creates a topic with a unique name and waits for its leaders; `cleanup()` deletes it. */
  createTopic(options?: TestTopicOptions): Promise<string>;
  /** Deletes the topics this harness created and disconnects its admin client. */
  cleanup(): Promise<void>;
}

/**
 * Kafka for one test file: the broker of FRM_KAFKA_BROKERS (set by the `{ kafka: true }` jest
 * preset, or by hand after `npm run kafka:start`), checked to answer, plus unique topics.
 */
export async function testKafka(options: TestKafkaOptions = {}): Promise<TestKafka> {
  const brokers = [...(options.brokers ?? brokersFromEnvironment())];
  const timeoutMs = options.readyTimeoutMs ?? 10_000;
  await waitForKafka({
    brokers,
    timeoutMs,
    hint:
      `start one with "npm run kafka:start" and set FRM_KAFKA_BROKERS to the address it prints, ` +
      `or pass { kafka: true } to jestConfig() in the project's jest.config.js; see ${kafkaHome.readme}`,
  });
  // The partitioner warning is addressed to applications choosing a partitioner, not to tests.
  process.env['KAFKAJS_NO_PARTITIONER_WARNING'] ??= '1';
  const config: KafkaConfig = {
    clientId: uniqueName('frm-test'),
    brokers,
    retry: kafkaTestRetry,
    connectionTimeout: 3_000,
    logLevel: options.logLevel ?? logLevel.WARN,
  };
  const kafka = new Kafka(config);
  const admin = kafka.admin();
  await admin.connect();
  const created: string[] = [];

  return {
    brokers,
    config,
    kafka,
    async createTopic(topicOptions = {}) {
      const topic = uniqueName(topicOptions.prefix ?? 'test');
      await admin.createTopics({
        topics: [{ topic, numPartitions: topicOptions.partitions ?? 1, configEntries: topicOptions.configEntries }],
        waitForLeaders: true,
      });
      created.push(topic);
      return topic;
    },
    async cleanup() {
      try {
        if (created.length > 0) await admin.deleteTopics({ topics: created.splice(0) });
      } finally {
        await admin.disconnect();
      }
    },
  };
}

function brokersFromEnvironment(): string[] {
  const brokers = (process.env['FRM_KAFKA_BROKERS'] ?? '')
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
  if (brokers.length === 0) {
    throw new Error(
      `FRM_KAFKA_BROKERS is not set; pass { kafka: true } to jestConfig() in the project's jest.config.js, ` +
        `or run "npm run kafka:start" and export FRM_KAFKA_BROKERS=<the address it prints>; see ${kafkaHome.readme}`,
    );
  }
  return brokers;
}
