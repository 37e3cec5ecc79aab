import { publishAuditHead, type AuditLogReader } from '@frm/audit';
import { loadSettings, runModeSettings } from '@frm/config';
import { auditHeadPublisherFrom } from '@frm/compliance';
import { messagingSettings } from '@frm/messaging';

/**
 * Publishes the audit log's head to Kafka (`frm.audit.v1`) when FRM_KAFKA_BROKERS is set, as the
 * compliance service does after its own appends. A head that cannot be published is a warning:
 * the entry is in the chain, and the service's next append publishes a head that covers it.
 */
export async function publishAuditHeadIfConfigured(log: AuditLogReader): Promise<void> {
  const settings = loadSettings({ ...runModeSettings, ...messagingSettings });
  if (settings.FRM_KAFKA_BROKERS === undefined) return;
  try {
    const publisher = await auditHeadPublisherFrom(settings);
    try {
      if (publisher) await publishAuditHead(log, publisher);
    } finally {
      await publisher?.close();
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `frm: warning: the audit head was not published to Kafka (${reason.replace(/\s*\n\s*/g, '; ')}); ` +
        "the compliance service's next audit entry publishes a head that covers this one\n",
    );
  }
}
