import type { ITopicConfig } from 'kafkajs';
import { createKafkaClient, type KafkaClientOptions } from './kafka-client';

export interface TopicSettings {
  /** Default 6: room for six consumers of one group, and keys spread over them. */
  readonly numPartitions?: number;
  /** Default: the broker's `default.replication.factor`. */
  readonly replicationFactor?: number;
  readonly configEntries?: ITopicConfig['configEntries'];
}

/** A topic that must exist but does not; the message says how to get it. */
export class TopicMissingError extends Error {
  override readonly name = 'TopicMissingError';
  constructor(readonly topics: readonly string[]) {
    super(
      `Kafka topic(s) ${topics.join(', ')} do not exist; create them (kafka-topics.sh --create, or the deployment's topic ` +
        `definitions), or let this process create them by turning on its createTopics setting`,
    );
  }
}

/** Creates whichever of `topics` do not exist yet and waits for their partition leaders. */
export async function ensureTopics(kafka: KafkaClientOptions, topics: readonly string[], settings: TopicSettings = {}): Promise<void> {
  const admin = createKafkaClient(kafka).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = [...new Set(topics)].filter((topic) => !existing.has(topic));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic,
        numPartitions: settings.numPartitions ?? 6,
        replicationFactor: settings.replicationFactor ?? -1,
        configEntries: settings.configEntries,
      })),
    });
  } finally {
    await admin.disconnect();
  }
}

/** Throws {@link TopicMissingError} naming every topic of `topics` that does not exist. */
export async function assertTopicsExist(kafka: KafkaClientOptions, topics: readonly string[]): Promise<void> {
  const admin = createKafkaClient(kafka).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = [...new Set(topics)].filter((topic) => !existing.has(topic));
    if (missing.length > 0) throw new TopicMissingError(missing);
  } finally {
    await admin.disconnect();
  }
}
