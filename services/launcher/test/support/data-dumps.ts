import { Redis } from 'ioredis';
import type { Kafka } from 'kafkajs';
import { uniqueName } from '@frm/testing';

/** One Kafka message as text: topic, key, headers and value, so that a search covers all of them. */
export interface DumpedMessage {
  readonly topic: string;
  readonly text: string;
}

/**
 * Every message of every topic on the broker (the internal ones aside), from the beginning to the
 * end offsets at the time of the call, read by a consumer group of its own.
 */
export async function dumpKafkaTopics(kafka: Kafka): Promise<DumpedMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  const remaining = new Map<string, bigint>();
  let topics: string[];
  try {
    topics = (await admin.listTopics()).filter((topic) => !topic.startsWith('__'));
    for (const topic of topics) {
      for (const partition of await admin.fetchTopicOffsets(topic)) {
        if (BigInt(partition.high) > BigInt(partition.low)) remaining.set(`${topic}/${partition.partition}`, BigInt(partition.high));
      }
    }
  } finally {
    await admin.disconnect();
  }
  const dumped: DumpedMessage[] = [];
  if (remaining.size === 0) return dumped;
  const consumer = kafka.consumer({ groupId: uniqueName('erasure-dump'), maxWaitTimeInMs: 250, allowAutoTopicCreation: false });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: topics.filter((topic) => [...remaining.keys()].some((key) => key.startsWith(`${topic}/`))), fromBeginning: true });
    const done = new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ topic, partition, message }) => {
          const headers = Object.entries(message.headers ?? {}).map(([name, value]) => `${name}=${String(value)}`);
          dumped.push({ topic, text: [message.key?.toString() ?? '', ...headers, message.value?.toString() ?? ''].join('\n') });
          const end = remaining.get(`${topic}/${partition}`);
          if (end !== undefined && BigInt(message.offset) + 1n >= end) remaining.delete(`${topic}/${partition}`);
          if (remaining.size === 0) resolve();
        },
      });
    });
    await done;
  } finally {
    await consumer.disconnect();
  }
  return dumped;
}

/** Every key of the Redis database with its value as text, whatever the key's type. */
export async function dumpRedis(url: string): Promise<Array<{ key: string; text: string }>> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const dumped: Array<{ key: string; text: string }> = [];
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'COUNT', 1000);
      cursor = next;
      for (const key of keys) dumped.push({ key, text: `${key}\n${await valueOf(redis, key)}` });
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return dumped;
}

async function valueOf(redis: Redis, key: string): Promise<string> {
  switch (await redis.type(key)) {
    case 'string':
      return (await redis.get(key)) ?? '';
    case 'hash':
      return JSON.stringify(await redis.hgetall(key));
    case 'list':
      return (await redis.lrange(key, 0, -1)).join('\n');
    case 'set':
      return (await redis.smembers(key)).join('\n');
    case 'zset':
      return (await redis.zrange(key, 0, -1)).join('\n');
    case 'stream':
      return JSON.stringify(await redis.xrange(key, '-', '+'));
    default:
      return '';
  }
}
