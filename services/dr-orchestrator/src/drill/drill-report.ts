import type { DrillPhase } from './drill-options';
import type { RestoredEventsCheck } from './restored-events-check';

/** Minutes, not hours: how long a restore may take from the decision to verified read models. */
export const RECOVERY_TIME_OBJECTIVE_SECONDS = 5 * 60;

/** What the drill restored from the backups. */
export interface RestoredArchive {
  /** The archive files loaded, snapshot first. */
  readonly files: readonly string[];
  readonly events: number;
  /** The live store's position of the last archived event (`<commit>/<prepare>`). */
  readonly through: string;
  /** The newest record time among the restored events; `undefined` for an empty archive. */
  readonly newestRecordedAt: Date | undefined;
}

/** Compliance's erasure ledger, re-applied to the restored store. */
export type LedgerReport =
  | {
      readonly applied: true;
      /** The live ledger's schema (the drill works on a copy). */
      readonly schema: string;
      readonly entries: number;
      /** Always 0 in a drill: the backups hold no keys; the live key table stays as it is. */
      readonly keysDeleted: number;
      /** SubjectErased events the backups lacked, appended to the restored store. */
      readonly eventsAppended: number;
    }
  | { readonly applied: false; readonly schema: string; readonly note: string };

/** A table whose rows differ, with its row count in each copy (`undefined`: no such table there). */
export interface TableDifferenceCount {
  readonly table: string;
  readonly restoredRows: number | undefined;
  readonly liveRows: number | undefined;
}

/** One projection rebuilt from the restored events and compared with the live system at the same event. */
export interface ProjectionCheck {
  readonly name: string;
  readonly liveSchema: string;
  /** The restored copy equals the live system's read model as of the backup's last event. */
  readonly matches: boolean;
  /**
   * What it was compared with: the live copy itself (it stood at that event), the live events up to
   * it (the restored events equal them), or a copy built from the live events up to it.
   */
  readonly comparedWith: 'live-copy' | 'live-events' | 'reference-copy';
  /** Whether the live copy itself matched; `undefined` when it stood elsewhere and was not compared. */
  readonly liveCopyMatches: boolean | undefined;
  /** Counts only: sample rows would carry decrypted personal data into logs. */
  readonly differences: readonly TableDifferenceCount[];
  /** Events applied to the restored copy up to the backup's last event. */
  readonly restoredEvents: number;
  /** Events the ledger appended that the restored copy then applied (erasures the backups lacked). */
  readonly ledgerEventsApplied: number;
}

export interface DrillReport {
  readonly drillId: string;
  readonly startedAt: Date;
  readonly restored: RestoredArchive;
  /** When the live store's newest event was recorded, read before restoring; `undefined` when empty or unreadable. */
  readonly liveNewestRecordedAt: Date | undefined;
  /** Data a restore now would lose: live newest − restored newest (0 when equal); `null` when it cannot be told. */
  readonly rpoSeconds: number | null;
  /** From the start to every projection verified (cleanup excluded). */
  readonly rtoSeconds: number;
  readonly targets: { readonly rpoSeconds: number; readonly rtoSeconds: number };
  readonly withinTargets: { readonly rpo: boolean; readonly rto: boolean };
  readonly ledger: LedgerReport;
  readonly projections: readonly ProjectionCheck[];
  /** The restored events against the live ones; `undefined` when not compared (reference copies, or every live copy stood at the backup). */
  readonly events: RestoredEventsCheck | undefined;
  /** Every projection matched, and the restored events equal the live ones where they were compared. */
  readonly verified: boolean;
  /** Milliseconds spent in each phase. */
  readonly phases: Readonly<Record<DrillPhase, number>>;
  /** Scratch schemas that could not be dropped (cleanUpAbandonedDrills removes them later); normally empty. */
  readonly leftBehind: readonly string[];
}

/** Live newest − restored newest, in seconds, never negative; `null` when only the live store has events. */
export function recoveryPointSeconds(liveNewest: Date | undefined, restoredNewest: Date | undefined): number | null {
  if (!liveNewest) return 0;
  if (!restoredNewest) return null;
  return Math.max(0, liveNewest.getTime() - restoredNewest.getTime()) / 1000;
}
