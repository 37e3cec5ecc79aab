import type { AuditLogReader } from '../store/audit-log.port';
import { publishAuditHead, type AuditHeadPublisher } from './audit-head-publisher.port';

/**
 * Publishes the log's head after appends, off the path of the act that appended: the act's entry is
 * committed before the act goes on, and its head reaches the publisher one round trip later. Appends
 * made while a head is being published are covered by one more publication, of the newest head, so a
 * burst of appends costs a few publications, not one each.
 */
export class AuditHeadPublication {
  private wanted = false;
  private running: Promise<void> | undefined;

  constructor(
    private readonly log: AuditLogReader,
    private readonly publisher: AuditHeadPublisher,
    /** A head that fails to publish is reported here and not retried: the next publication pins its entry too. */
    private readonly onFailure: (error: unknown) => void,
  ) {}

  /** Asks for the current head to be published; returns at once. */
  request(): void {
    this.wanted = true;
    this.running ??= this.run();
  }

  /** Settles once every head asked for so far is published or reported as failed (before the publisher closes). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  private async run(): Promise<void> {
    try {
      while (this.wanted) {
        this.wanted = false;
        await publishAuditHead(this.log, this.publisher).catch(this.onFailure);
      }
    } finally {
      // In the same turn as the last check of `wanted`: a request after it starts a new run.
      this.running = undefined;
    }
  }
}
