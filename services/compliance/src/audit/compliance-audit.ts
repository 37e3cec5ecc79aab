import { AuditEntryIdReusedError, publishAuditHead, type AuditEntryDraft, type AuditHeadPublisher, type AuditLog } from '@frm/audit';
import type { Logger } from '@frm/logging';

/**
 * Compliance's side of the audit log: appends an act, then publishes the new head to Kafka when a
 * publisher is configured. A head that fails to publish is logged, not thrown: the entry is in the
 * chain, and the next publication pins it too.
 */
export class ComplianceAudit {
  constructor(
    readonly log: AuditLog,
    private readonly logger: Logger,
    private readonly publisher?: AuditHeadPublisher,
  ) {}

  /**
   * Appends the act; a retry under the same entry id (a repeated erasure or export) keeps the entry
   * first written, even if the retry's reason was worded differently.
   */
  async record(draft: AuditEntryDraft): Promise<void> {
    try {
      await this.log.append(draft);
    } catch (error) {
      if (!(error instanceof AuditEntryIdReusedError)) throw error;
      return;
    }
    if (!this.publisher) return;
    await publishAuditHead(this.log, this.publisher).catch((error: unknown) =>
      this.logger.warn({ err: error }, 'the audit head was not published to Kafka; the next append publishes it again'),
    );
  }
}
