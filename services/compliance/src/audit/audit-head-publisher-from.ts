import { AUDIT_HEADS_TOPIC, auditHeadsTopicSettings, KafkaAuditHeadPublisher } from '@frm/audit';
import type { RunModeSettings } from '@frm/config';
import { ensureTopics, type MessagingSettings } from '@frm/messaging';

/**
 * The Kafka publisher of the audit log's heads (`frm.audit.v1`) when FRM_KAFKA_BROKERS is set, after
 * creating the topic if FRM_KAFKA_CREATE_TOPICS says so; `undefined` otherwise (embedded). The caller closes it.
 */
export async function auditHeadPublisherFrom(
  settings: Pick<RunModeSettings, 'FRM_KAFKA_BROKERS'> & MessagingSettings,
): Promise<KafkaAuditHeadPublisher | undefined> {
  const brokers = settings.FRM_KAFKA_BROKERS;
  if (brokers === undefined) return undefined;
  const kafka = { brokers, compression: settings.FRM_KAFKA_COMPRESSION, connectTimeoutMs: settings.FRM_KAFKA_CONNECT_TIMEOUT };
  if (settings.FRM_KAFKA_CREATE_TOPICS) await ensureTopics(kafka, [AUDIT_HEADS_TOPIC], auditHeadsTopicSettings);
  return KafkaAuditHeadPublisher.open(kafka);
}
