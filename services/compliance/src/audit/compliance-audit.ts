import { setTimeout as sleep } from 'node:timers/promises';
import type { OnApplicationShutdown } from '@nestjs/common';
import { AuditEntryIdReusedError, AuditHeadPublication, type AuditEntryDraft, type AuditHeadPublisher, type AuditLog } from '@frm/audit';
import type { Logger } from '@frm/logging';

/** How long a stopping service waits for the newest head to reach Kafka. */
export const HEAD_SHUTDOWN_WAIT_MS = 5_000;

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
    private readonly logger: Logger,
    publisher?: AuditHeadPublisher,
    private readonly shutdownWaitMs = HEAD_SHUTDOWN_WAIT_MS,
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

  /** Waits for the last head, a while at most: a broker that is away must not hold the service's stop. */
  async onApplicationShutdown(): Promise<void> {
    const stopWait = new AbortController();
    const published = await Promise.race([
      this.headsPublished().then(() => true),
      sleep(this.shutdownWaitMs, false, { signal: stopWait.signal }).catch(() => false),
    ]);
    stopWait.abort();
    if (!published) this.logger.warn(`the newest audit head was not published within ${this.shutdownWaitMs} ms of stopping; the next start publishes the head again after its first act`);
  }
}
