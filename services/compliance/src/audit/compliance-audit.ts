import type { OnApplicationShutdown } from '@nestjs/common';
import { AuditEntryIdReusedError, AuditHeadPublication, type AuditEntryDraft, type AuditHeadPublisher, type AuditLog } from '@frm/audit';
import type { Logger } from '@frm/logging';

/**
 * Compliance's side of the audit log: appends an act, then has the new head published to Kafka when
 * a publisher is configured. The act waits for its entry only: the entry is what makes it traceable,
 * and the head (which pins the chain outside the database) follows one Kafka round trip later. A
 * head that fails to publish is logged, not thrown: the entry is in the chain, and the next
 * publication pins it too.
 */
export class ComplianceAudit implements OnApplicationShutdown {
  private readonly heads: AuditHeadPublication | undefined;

  constructor(
    readonly log: AuditLog,
    logger: Logger,
    publisher?: AuditHeadPublisher,
  ) {
    this.heads =
      publisher &&
      new AuditHeadPublication(log, publisher, (error) =>
        logger.warn({ err: error }, 'the audit head was not published to Kafka; the next append publishes it again'),
      );
  }

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
    this.heads?.request();
  }

  /** Settles once the heads of every act recorded so far are published (the publisher closes after the service). */
  async headsPublished(): Promise<void> {
    await this.heads?.settled();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.headsPublished();
  }
}
