import type { KafkaMessage } from 'kafkajs';
import { uniqueName, type TestKafka } from '@frm/testing';

export type ReadMessage = KafkaMessage & { partition: number };

/** Reads a topic from the start with a group of its own until `count` messages arrived. */
export async function readTopic(kafka: TestKafka, topic: string, count: number, timeoutMs = 20_000): Promise<ReadMessage[]> {
  const consumer = kafka.kafka.consumer({ groupId: uniqueName('reader'), allowAutoTopicCreation: false });
  const messages: ReadMessage[] = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${messages.length} of ${count} messages arrived on ${topic} within ${timeoutMs} ms`)), timeoutMs);
      if (count === 0) return resolve();
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          messages.push({ ...message, partition });
          if (messages.length >= count) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
    return messages;
  } finally {
    await consumer.disconnect();
  }
}

/** How many messages the topic holds (the sum of its partitions' high watermarks). */
export async function messageCount(kafka: TestKafka, topic: string): Promise<number> {
  const admin = kafka.kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, partition) => sum + Number(partition.high) - Number(partition.low), 0);
  } finally {
    await admin.disconnect();
  }
}

/** A header's text. */
export function header(message: KafkaMessage, name: string): string | undefined {
  return message.headers?.[name]?.toString();
}
