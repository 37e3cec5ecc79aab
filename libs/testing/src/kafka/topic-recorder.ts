import type { Consumer, KafkaMessage } from 'kafkajs';
import { uniqueName } from '../unique-name';
import { waitUntil } from '../wait-until';
import type { TestKafka } from './test-kafka';

export type RecordedMessage = KafkaMessage & { readonly topic: string; readonly partition: number };

/**
 * Everything on a topic from its beginning, read by a consumer group of its own: other tests may
 * publish to the same topic, so callers pick their messages out by key.
 */
export class TopicRecorder {
  readonly messages: RecordedMessage[] = [];

  private constructor(private readonly consumer: Consumer) {}

  static async start(kafka: TestKafka, topic: string): Promise<TopicRecorder> {
    const consumer = kafka.kafka.consumer({ groupId: uniqueName('topic-recorder'), allowAutoTopicCreation: false, maxWaitTimeInMs: 250 });
    const recorder = new TopicRecorder(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ partition, message }) => void recorder.messages.push({ ...message, topic, partition }) });
    return recorder;
  }

  /** The messages keyed `key`, once there are at least `count` of them. */
  async keyed(key: string, count = 1, timeoutMs = 30_000): Promise<RecordedMessage[]> {
    return waitUntil(
      `${count} message(s) keyed ${key} arrived`,
      () => {
        const found = this.messages.filter((message) => message.key?.toString() === key);
        return found.length >= count && found;
      },
      { timeoutMs, intervalMs: 50 },
    );
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}
