import { CLOUDEVENTS_SPEC_VERSION, EventHeaders, EventProducer, type EventProducerOptions } from '@frm/messaging';
import type { AuditHead } from '../entry/audit-entry';
import type { AuditHeadPublisher } from './audit-head-publisher.port';
import { AUDIT_HEAD_EVENT_TYPE, AUDIT_HEAD_SOURCE, AUDIT_HEADS_TOPIC, encodeAuditHead } from './audit-head-message';

export interface KafkaAuditHeadPublisherOptions extends EventProducerOptions {
  /** Default {@link AUDIT_HEADS_TOPIC}; it must exist (see {@link auditHeadsTopicSettings}). */
  readonly topic?: string;
}

/**
 * Publishes heads to Kafka with the platform's event producer (idempotent, acknowledged by all
 * in-sync replicas), keyed by log name so one log's heads stay in order, with CloudEvents headers.
 */
export class KafkaAuditHeadPublisher implements AuditHeadPublisher {
  private constructor(
    private readonly producer: EventProducer,
    readonly topic: string,
  ) {}

  /** Connects; throws `KafkaUnreachableError` naming the address when no broker answers. */
  static async open(options: KafkaAuditHeadPublisherOptions): Promise<KafkaAuditHeadPublisher> {
    const producer = await EventProducer.open({ clientId: 'frm-audit', ...options });
    return new KafkaAuditHeadPublisher(producer, options.topic ?? AUDIT_HEADS_TOPIC);
  }

  /** Resolves once the broker has acknowledged the head. */
  async publish(head: AuditHead): Promise<void> {
    await this.producer.sendBatch([
      {
        topic: this.topic,
        messages: [
          {
            key: head.log,
            value: encodeAuditHead(head),
            headers: {
              [EventHeaders.specVersion]: CLOUDEVENTS_SPEC_VERSION,
              [EventHeaders.id]: `audit-head-${head.log}-${head.sequence}`,
              [EventHeaders.type]: AUDIT_HEAD_EVENT_TYPE,
              [EventHeaders.source]: AUDIT_HEAD_SOURCE,
              [EventHeaders.subject]: head.log,
              [EventHeaders.time]: new Date().toISOString(),
              [EventHeaders.contentType]: 'application/json',
            },
          },
        ],
      },
    ]);
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
  }
}
