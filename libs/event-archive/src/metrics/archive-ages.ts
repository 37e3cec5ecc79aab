import type { Catalogue } from '../catalogue/catalogue';

/** Seconds since each moment; `Infinity` when it never happened (no snapshot yet: an alert should fire). */
export interface ArchiveAges {
  /** Since the newest snapshot's head was read. */
  readonly newestSnapshotSeconds: number;
  /** Since the newest segment's head was read (grows while the store takes no events). */
  readonly newestSegmentSeconds: number;
  /**
   * Since the shipper last found the archive holding every event committed so far: what a restore
   * would lose now. The recovery point promise is that this stays under 30 s.
   */
  readonly caughtUpSeconds: number;
}

export function archiveAges(catalogue: Catalogue | undefined, now: Date): ArchiveAges {
  const since = (time: string | null | undefined) => (time ? Math.max(0, (now.getTime() - new Date(time).getTime()) / 1000) : Infinity);
  return {
    newestSnapshotSeconds: since(catalogue?.snapshots[catalogue.snapshots.length - 1]?.createdAt),
    newestSegmentSeconds: since(catalogue?.segments[catalogue.segments.length - 1]?.createdAt),
    caughtUpSeconds: since(catalogue?.caughtUpAt),
  };
}
