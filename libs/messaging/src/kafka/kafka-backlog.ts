import type { Admin } from 'kafkajs';
import { deadLetterTopicOf } from '../consumer/dead-letter';
import { createKafkaClient, type KafkaClientOptions } from './kafka-client';

/** Messages a consumer group has not yet committed on one topic (over its partitions). */
export interface ConsumerLag {
  readonly group: string;
  readonly topic: string;
  readonly messages: number;
}

/** One dead-letter topic: the messages it holds (what retention has not yet removed) and all it ever took. */
export interface DeadLetterBacklog {
  readonly topic: string;
  readonly messages: number;
  /** The log end offsets: messages ever written to it, which only grows (a counter). */
  readonly everWritten: number;
}

const DEAD_LETTER_SUFFIX = deadLetterTopicOf('');

/**
 * Reads what Kafka itself knows of the backlogs: each consumer group's lag per topic (log end
 * offset minus committed offset) and the size of every dead-letter topic. One admin connection,
 * opened at the first read and kept; a failed read drops it, so the next one connects afresh.
 */
export class KafkaBacklog {
  private admin: Promise<Admin> | undefined;

  constructor(private readonly kafka: KafkaClientOptions) {}

  async consumerLag(): Promise<ConsumerLag[]> {
    return this.withAdmin(async (admin) => {
      const { groups } = await admin.listGroups();
      const lags: ConsumerLag[] = [];
      const ends = new Map<string, Map<number, bigint>>();
      for (const { groupId } of groups.filter((group) => group.protocolType === 'consumer' || group.protocolType === '')) {
        for (const { topic, partitions } of await admin.fetchOffsets({ groupId })) {
          const end = ends.get(topic) ?? (await this.endOffsets(admin, topic));
          ends.set(topic, end);
          let messages = 0n;
          for (const { partition, offset } of partitions) {
            const committed = BigInt(offset);
            const high = end.get(partition) ?? 0n;
            // -1: the group has committed nothing on this partition yet; all of it waits (from the earliest kept).
            messages += committed < 0n ? high : high > committed ? high - committed : 0n;
          }
          lags.push({ group: groupId, topic, messages: Number(messages) });
        }
      }
      return lags;
    });
  }

  async deadLetterBacklogs(): Promise<DeadLetterBacklog[]> {
    return this.withAdmin(async (admin) => {
      const topics = (await admin.listTopics()).filter((topic) => topic.endsWith(DEAD_LETTER_SUFFIX)).sort();
      const backlogs: DeadLetterBacklog[] = [];
      for (const topic of topics) {
        let messages = 0n;
        let everWritten = 0n;
        for (const { high, low } of await admin.fetchTopicOffsets(topic)) {
          messages += BigInt(high) - BigInt(low);
          everWritten += BigInt(high);
        }
        backlogs.push({ topic, messages: Number(messages), everWritten: Number(everWritten) });
      }
      return backlogs;
    });
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await (await admin?.catch(() => undefined))?.disconnect();
  }

  private async endOffsets(admin: Admin, topic: string): Promise<Map<number, bigint>> {
    return new Map((await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => [partition, BigInt(high)]));
  }

  private async withAdmin<T>(read: (admin: Admin) => Promise<T>): Promise<T> {
    this.admin ??= (async () => {
      const admin = createKafkaClient({ clientId: 'frm-backlog', ...this.kafka }).admin();
      await admin.connect();
      return admin;
    })();
    try {
      return await read(await this.admin);
    } catch (error) {
      await this.close().catch(() => undefined);
      throw error;
    }
  }
}
