import { Gauge, type Registry } from '@frm/metrics';
import type { BackupStore } from '../backup-store/backup-store.port';
import { readCatalogue } from '../catalogue/catalogue-file';
import { archiveAges, type ArchiveAges } from './archive-ages';

/**
 * `frm_backup_snapshot_age_seconds`, `frm_backup_segment_age_seconds` and
 * `frm_backup_caught_up_age_seconds`, read from `ages` at each scrape: pass `() => shipper.ages()`
 * in the process that ships, or {@link readArchiveAges} elsewhere. `+Inf` means never (alert).
 */
export function registerArchiveMetrics(registry: Registry, ages: () => ArchiveAges | Promise<ArchiveAges>): void {
  const gauges: Array<[string, string, keyof ArchiveAges]> = [
    ['frm_backup_snapshot_age_seconds', 'Seconds since the newest backup snapshot was taken', 'newestSnapshotSeconds'],
    ['frm_backup_segment_age_seconds', 'Seconds since the newest backup segment was shipped (grows while no events are appended)', 'newestSegmentSeconds'],
    [
      'frm_backup_caught_up_age_seconds',
      'Seconds since the backup last held every committed event: the data a restore would lose now; alert above 30',
      'caughtUpSeconds',
    ],
  ];
  // The three gauges are collected together at each scrape: one read of the ages serves them all.
  let latest: { at: number; ages: Promise<ArchiveAges> } | undefined;
  const current = () => {
    if (!latest || Date.now() - latest.at > 1_000) latest = { at: Date.now(), ages: Promise.resolve(ages()) };
    return latest.ages;
  };
  for (const [name, help, field] of gauges) {
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        this.set((await current())[field]);
      },
    });
  }
}

/** The ages as the archive's catalogue says, for a process that does not ship (one read of the catalogue). */
export async function readArchiveAges(store: BackupStore, now: Date = new Date()): Promise<ArchiveAges> {
  return archiveAges(await readCatalogue(store), now);
}
