import { randomUUID } from 'node:crypto';
import { createKafkaClient, type KafkaClientOptions } from '@frm/messaging';
import type { AuditHead } from '../entry/audit-entry';
import { AUDIT_HEADS_TOPIC, decodeAuditHead } from './audit-head-message';

export interface ReadPublishedHeadsOptions extends KafkaClientOptions {
  /** Default {@link AUDIT_HEADS_TOPIC}. */
  readonly topic?: string;
  /** Only this log's heads (messages keyed by its name); all logs when not given. */
  readonly log?: string;
  /** How long to wait for the messages already on the topic (default 60 s). */
  readonly timeoutMs?: number;
}

/**
 * Every head on the topic up to the moment of the call, for {@link detectRewrite}. Reads with a
 * consumer group of its own that commits nothing, and removes the group afterwards.
 */
export async function readPublishedAuditHeads(options: ReadPublishedHeadsOptions): Promise<AuditHead[]> {
  const topic = options.topic ?? AUDIT_HEADS_TOPIC;
  const kafka = createKafkaClient({ clientId: 'frm-audit-verify', ...options });
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `frm-audit-heads-reader-${randomUUID()}`;
  try {
    const ends = new Map(
      (await admin.fetchTopicOffsets(topic)).filter((p) => Number(p.high) > Number(p.low)).map((p) => [p.partition, Number(p.high)]),
    );
    if (ends.size === 0) return [];
    const heads: AuditHead[] = [];
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 250 });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timeoutMs = options.timeoutMs ?? 60_000;
        const timer = setTimeout(
          () => reject(new Error(`the audit heads on Kafka topic ${topic} were not all read within ${timeoutMs} ms; is the broker overloaded? try again`)),
          timeoutMs,
        );
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ partition, message }) => {
              const head = decodeAuditHead(message.value);
              if (head && (options.log === undefined || (message.key?.toString() === options.log && head.log === options.log))) heads.push(head);
              if (Number(message.offset) + 1 >= (ends.get(partition) ?? 0)) ends.delete(partition);
              if (ends.size === 0) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
    return heads;
  } finally {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}
