import { randomUUID } from 'node:crypto';
import type { IHeaders, Kafka } from 'kafkajs';
import { createLogger } from '@frm/logging';
import { createKafkaClient } from '@frm/messaging';

export interface TopicMessage {
  readonly partition: number;
  readonly offset: string;
  readonly headers: Record<string, string>;
}

/** A client of the broker that says nothing in the log (the run prints its own lines). */
export function quietKafka(brokers: readonly string[]): Kafka {
  return createKafkaClient({ brokers, clientId: 'frm-chaos-check', logger: createLogger({ service: 'frm-chaos-check', level: 'silent' }) });
}

/** The sum of the topic's end offsets: it grows while something publishes to it. */
export async function endOffsetSum(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
  } finally {
    await admin.disconnect();
  }
}

export async function listTopics(kafka: Kafka): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await admin.listTopics();
  } finally {
    await admin.disconnect();
  }
}

/** Every message of the topic from its beginning up to its end offsets when called, by a consumer group of its own. */
export async function readWholeTopic(kafka: Kafka, topic: string, timeoutMs = 60_000): Promise<TopicMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map<number, number>();
  try {
    for (const partition of await admin.fetchTopicOffsets(topic)) ends.set(partition.partition, Number(partition.high));
  } finally {
    await admin.disconnect();
  }
  const messages: TopicMessage[] = [];
  const pending = new Set([...ends].filter(([, end]) => end > 0).map(([partition]) => partition));
  if (pending.size === 0) return messages;
  const consumer = kafka.consumer({ groupId: `frm-chaos-check-${randomUUID()}`, allowAutoTopicCreation: false, maxWaitTimeInMs: 200 });
  await consumer.connect();
  try {
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (done = resolve));
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        messages.push({ partition, offset: message.offset, headers: textHeaders(message.headers) });
        if (Number(message.offset) + 1 >= (ends.get(partition) ?? 0)) pending.delete(partition);
        if (pending.size === 0) done();
      },
    });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`reading ${topic} to its end took more than ${timeoutMs / 1000} s (partitions left: ${[...pending].join(', ')})`)), timeoutMs);
    });
    await Promise.race([finished, timedOut]).finally(() => clearTimeout(timer));
  } finally {
    await consumer.disconnect();
  }
  return messages;
}

function textHeaders(headers: IHeaders | undefined): Record<string, string> {
  const text: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    text[name] = (Array.isArray(value) ? value[0] : value)?.toString() ?? '';
  }
  return text;
}
