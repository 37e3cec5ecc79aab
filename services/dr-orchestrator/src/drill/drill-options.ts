import type { BackupStore } from '@frm/event-archive';
import type { EventStore } from '@frm/event-store';
import type { Logger } from '@frm/logging';
import type { SqlDatabase } from '@frm/postgres';
import type { ProjectionDefinition } from '@frm/projections';

/** The steps of a drill, in order; each is timed in the report. */
export const DRILL_PHASES = ['verify-files', 'restore', 'ledger', 'rebuild', 'verify-events', 'reference', 'compare', 'cleanup'] as const;
export type DrillPhase = (typeof DRILL_PHASES)[number];

/**
 * How a restored copy whose live copy has moved on is verified: `live-events` compares the restored
 * events with the live ones (equal events make equal read models; one read of each store), and
 * `reference-copies` builds every projection a second time from the live events up to the backup's
 * last event and compares the rows (twice the work: a drill of a projection's determinism too).
 */
export type DrillVerification = 'live-events' | 'reference-copies';

/**
 * Reported as the drill goes. `done` and `total` count bytes while verifying files, events while
 * restoring, ledger entries, events of the store (approximately, as for a projection's lag) while
 * building a copy, projections while comparing and schemas while cleaning up.
 */
export interface DrillProgress {
  readonly phase: DrillPhase;
  readonly projection?: string;
  readonly done: number;
  readonly total: number;
}

export interface RestoreDrillOptions {
  /**
   * The live read models' database: the scratch schemas (`drill_<id>_…`) are made and dropped here,
   * and the live copies are only read. The restored event store is a Postgres one in this database
   * whatever adapter the live store uses.
   */
  readonly db: SqlDatabase;
  /** Where the backups are (e.g. `LocalDirectoryBackupStore.open(dir)`). */
  readonly backups: BackupStore;
  /** The live event store as the services read it (schema-validating, decrypting); only read. */
  readonly liveEventStore: EventStore;
  /**
   * Wraps the restored store the way `liveEventStore` is wrapped (e.g. `withPiiProtection(withSchemaValidation(raw, …), cipher,
   * platformPersonalFields(), SUBJECT_ERASURE)`), so both are read alike. Its cipher reads the live key table:
   * the backups hold only the event store.
   */
  readonly wrapEventStore: (raw: EventStore) => EventStore;
  /** The projections to rebuild and verify (e.g. `ProjectionCatalogue.list()`). */
  readonly projections: readonly ProjectionDefinition[];
  /** Where each projection's live copy is (default `projection_<name>`; `ProjectionCatalogue.liveSchemaOf`). */
  readonly liveSchemaOf?: (projection: string) => string;
  /** Compliance's erasure ledger (default `compliance_ledger`); the drill works on a copy of it. */
  readonly ledgerSchema?: string;
  readonly logger: Logger;
  /** A snapshot to restore instead of the newest (a name from the catalogue). */
  readonly snapshot?: string;
  /** The last archive file to restore, to leave out a damaged segment and what follows it. */
  readonly until?: string;
  /**
   * Compare with a projection's live copy itself when it stands exactly at the backup's last event,
   * sparing the reference build (default true). A live copy that differs is not trusted alone: the
   * reference is built and compared too.
   */
  readonly compareWithLiveCopies?: boolean;
  /** How copies whose live copy has moved on are verified (default `live-events`). */
  readonly verifyWith?: DrillVerification;
  /** Events per batch when restoring and building copies (default 1000). */
  readonly batchSize?: number;
  /** Cancels the drill between batches; it then drops what it made and rejects with RestoreDrillCancelledError. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: DrillProgress) => void;
  /** The clock (tests). */
  readonly now?: () => Date;
}
