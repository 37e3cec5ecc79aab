import { ArchiveShipper, type ArchiveAges, type BackupStore, type Catalogue } from '@frm/event-archive';
import type { EventStore } from '@frm/event-store';
import type { Logger } from '@frm/logging';

export interface BackupOptions {
  readonly store: BackupStore;
  /** Default 10 s; at most 30 s (the recovery point promise). */
  readonly segmentIntervalMs?: number;
  /** Default 15 min. */
  readonly snapshotIntervalMs?: number;
  /** Default 4. */
  readonly keepSnapshots?: number;
}

/**
 * The backups this orchestrator keeps: a shipper that archives the event store as it is stored
 * (ciphertext stays ciphertext, so a backup holds no readable personal data), and what it has shipped.
 */
export class Backups {
  private readonly shipper: ArchiveShipper;

  constructor(
    eventStore: EventStore,
    readonly options: BackupOptions,
    logger: Logger,
  ) {
    this.shipper = new ArchiveShipper({
      eventStore,
      backupStore: options.store,
      segmentIntervalMs: options.segmentIntervalMs,
      snapshotIntervalMs: options.snapshotIntervalMs,
      keepSnapshots: options.keepSnapshots,
      logger,
    });
  }

  start(): void {
    this.shipper.start();
  }

  stop(): Promise<void> {
    return this.shipper.stop();
  }

  /** The catalogue as last written (by this shipper, or found in the store). */
  catalogue(): Catalogue | undefined {
    return this.shipper.currentCatalogue();
  }

  ages(now: Date = new Date()): ArchiveAges {
    return this.shipper.ages(now);
  }
}
