import { Inject, Injectable, Optional } from '@nestjs/common';
import { timestampFromDate, type frmV1 } from '@frm/contracts';
import type { CatalogueEntry } from '@frm/event-archive';
import { FailedPreconditionError } from '@frm/grpc-errors';
import { BACKUPS } from '../dr-orchestrator.tokens';
import type { Backups } from './backups';

@Injectable()
export class ListBackupsHandler {
  constructor(@Optional() @Inject(BACKUPS) private readonly backups?: Backups) {}

  execute(): frmV1.ListBackupsResponse {
    if (!this.backups) {
      throw new FailedPreconditionError('this DR orchestrator keeps no backups: set FRM_BACKUP_DIR to a directory for them (the embedded platform keeps them under FRM_DATA_DIR/backups)');
    }
    const catalogue = this.backups.catalogue();
    const ages = this.backups.ages();
    const seconds = (value: number) => (Number.isFinite(value) ? value : -1);
    return {
      location: this.backups.options.store.description,
      snapshots: (catalogue?.snapshots ?? []).map(backupFileOf),
      segments: (catalogue?.segments ?? []).map(backupFileOf),
      newestSnapshotAgeSeconds: seconds(ages.newestSnapshotSeconds),
      newestSegmentAgeSeconds: seconds(ages.newestSegmentSeconds),
      recoveryPointSeconds: seconds(ages.caughtUpSeconds),
    };
  }
}

function backupFileOf(entry: CatalogueEntry): frmV1.BackupFile {
  return {
    name: entry.name,
    fromPosition: entry.from,
    toPosition: entry.to,
    eventCount: String(entry.eventCount),
    sha256: entry.sha256,
    sizeBytes: String(entry.sizeBytes),
    createTime: timestampFromDate(new Date(entry.createdAt)),
    lastEventTime: entry.lastRecordedAt ? timestampFromDate(new Date(entry.lastRecordedAt)) : null,
  };
}
