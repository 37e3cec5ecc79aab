import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { timestampFromDate, type frmV1 } from '@frm/contracts';
import type { EventStore } from '@frm/event-store';
import { AbortedError, FailedPreconditionError } from '@frm/grpc-errors';
import type { Logger } from '@frm/logging';
import type { SqlDatabase } from '@frm/postgres';
import type { Backups } from '../backups/backups';
import { BACKUPS, DATABASE, EVENT_STORE, EVENT_STORE_WRAPPER, LOGGER } from '../dr-orchestrator.tokens';
import { ProjectionCatalogue } from '../projections/projection-catalogue';
import { streamedWork } from '../streamed-work';
import { RestoreDrillCancelledError, RestoreDrillFailedError, runRestoreDrill, type DrillReport } from '.';

/** RunRestoreDrill: one drill at a time, on this orchestrator's backups, with progress. */
@Injectable()
export class RunRestoreDrillHandler {
  private running = false;

  constructor(
    @Inject(DATABASE) private readonly db: SqlDatabase,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(EVENT_STORE_WRAPPER) private readonly wrapEventStore: (raw: EventStore) => EventStore,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly catalogue: ProjectionCatalogue,
    @Optional() @Inject(BACKUPS) private readonly backups?: Backups,
  ) {}

  execute(request: frmV1.RunRestoreDrillRequest): Observable<frmV1.RunRestoreDrillUpdate> {
    return streamedWork<frmV1.RunRestoreDrillUpdate>(
      async (signal, next) => {
        const backups = this.backups;
        if (!backups) throw new FailedPreconditionError('this DR orchestrator keeps no backups to drill with: set FRM_BACKUP_DIR');
        if (this.running) throw new AbortedError('a restore drill is running already; wait for its report');
        this.running = true;
        try {
          await this.drill(backups, request, signal, next);
        } finally {
          this.running = false;
        }
      },
      {
        errorOf: (error) => (error instanceof RestoreDrillFailedError ? new FailedPreconditionError(error.message, { cause: error }) : error),
        isCancellation: (error) => error instanceof RestoreDrillCancelledError,
      },
    );
  }

  private async drill(backups: Backups, request: frmV1.RunRestoreDrillRequest, signal: AbortSignal, next: (update: frmV1.RunRestoreDrillUpdate) => void): Promise<void> {
    const report = await runRestoreDrill({
      db: this.db,
      backups: backups.options.store,
      liveEventStore: this.eventStore,
      wrapEventStore: this.wrapEventStore,
      projections: this.catalogue.list(),
      liveSchemaOf: (name) => this.catalogue.liveSchemaOf(name),
      logger: this.logger,
      signal,
      ...(request.snapshot !== '' ? { snapshot: request.snapshot } : {}),
      verifyWith: request.referenceCopies ? 'reference-copies' : 'live-events',
      onProgress: (progress) =>
        next({ progress: { phase: progress.phase, projection: progress.projection ?? '', done: String(progress.done), total: String(progress.total) }, report: null }),
    });
    this.logger.info({ drill: report.drillId, rpoSeconds: report.rpoSeconds, rtoSeconds: report.rtoSeconds, verified: report.verified }, `restore drill ${report.verified ? 'verified' : 'found differences'}`);
    next({ progress: null, report: drillReportOf(report) });
  }
}

function drillReportOf(report: DrillReport): frmV1.DrillReport {
  return {
    drillId: report.drillId,
    startTime: timestampFromDate(report.startedAt),
    files: [...report.restored.files],
    eventsRestored: String(report.restored.events),
    newestRestoredTime: report.restored.newestRecordedAt ? timestampFromDate(report.restored.newestRecordedAt) : null,
    newestLiveTime: report.liveNewestRecordedAt ? timestampFromDate(report.liveNewestRecordedAt) : null,
    rpoSeconds: report.rpoSeconds ?? -1,
    rtoSeconds: report.rtoSeconds,
    withinRpoTarget: report.withinTargets.rpo,
    withinRtoTarget: report.withinTargets.rto,
    verified: report.verified,
    projections: report.projections.map((projection) => ({
      name: projection.name,
      matches: projection.matches,
      comparedWith: projection.comparedWith,
      restoredEvents: String(projection.restoredEvents),
      differingTables: projection.differences.map((difference) => difference.table),
    })),
    erasuresReapplied: String(report.ledger.applied ? report.ledger.eventsAppended : 0),
    ledgerNote: report.ledger.applied ? `${report.ledger.entries} erasures in the ledger` : report.ledger.note,
    phases: Object.entries(report.phases).map(([phase, ms]) => ({ phase, milliseconds: String(Math.round(ms)) })),
    events: report.events ? { matches: report.events.matches, eventsCompared: String(report.events.events), firstDifference: report.events.firstDifference ?? '' } : null,
  };
}
