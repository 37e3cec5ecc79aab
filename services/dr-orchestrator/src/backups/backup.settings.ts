import { duration, positiveInt, text, type SettingsOf } from '@frm/config';
import { DEFAULT_KEEP_SNAPSHOTS, DEFAULT_SEGMENT_INTERVAL_MS, DEFAULT_SNAPSHOT_INTERVAL_MS, LocalDirectoryBackupStore, RECOVERY_POINT_OBJECTIVE_MS } from '@frm/event-archive';
import type { BackupOptions } from './backups';

/** Where and how often the event store is backed up. */
export const backupSettings = {
  FRM_BACKUP_DIR: text('/srv/frm/backups')
    .optional()
    .describe('directory of the event store backups (snapshots, segments, catalogue.json); unset: FRM_DATA_DIR/backups when embedded, none on a server database'),
  FRM_BACKUP_SEGMENT_INTERVAL: duration('10s')
    .default(DEFAULT_SEGMENT_INTERVAL_MS)
    .describe(`how often new events are shipped as a segment; at most ${RECOVERY_POINT_OBJECTIVE_MS / 1000}s, the recovery point promised`),
  FRM_BACKUP_SNAPSHOT_INTERVAL: duration('15m').default(DEFAULT_SNAPSHOT_INTERVAL_MS).describe('how often a whole snapshot of the event store is taken'),
  FRM_BACKUP_KEEP_SNAPSHOTS: positiveInt().default(DEFAULT_KEEP_SNAPSHOTS).describe('snapshots kept, with the segments after the oldest of them'),
};

/** The backups to keep, or `undefined` when there is nowhere to keep them. */
export async function backupOptionsFrom(settings: SettingsOf<typeof backupSettings>, defaultDirectory: string | undefined): Promise<BackupOptions | undefined> {
  const directory = settings.FRM_BACKUP_DIR ?? defaultDirectory;
  if (directory === undefined) return undefined;
  return {
    store: await LocalDirectoryBackupStore.open(directory),
    segmentIntervalMs: settings.FRM_BACKUP_SEGMENT_INTERVAL,
    snapshotIntervalMs: settings.FRM_BACKUP_SNAPSHOT_INTERVAL,
    keepSnapshots: settings.FRM_BACKUP_KEEP_SNAPSHOTS,
  };
}
