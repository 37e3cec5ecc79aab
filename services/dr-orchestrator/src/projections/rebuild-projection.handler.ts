import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Observable } from 'rxjs';
import type { CallerContext } from '@frm/caller';
import type { frmV1 } from '@frm/contracts';
import type { Logger } from '@frm/logging';
import { RebuildCancelledError, RebuildNotVerifiedError, type RebuildResult } from '@frm/projections';
import { invalidateProjectionCaches, type CacheStore } from '@frm/read-cache';
import { CACHE_STORE, LOGGER } from '../dr-orchestrator.tokens';
import { RiskyOperationGate } from '../freeze/risky-operation-gate';
import { streamedWork } from '../streamed-work';
import { buildErrorOf } from './build-errors';
import { ProjectionBuilds } from './projection-builds';
import { buildProgressOf, verifyReportOf } from './recovery.messages';

/**
 * RebuildProjection: through the wedding-day gate, then a shadow build that is compared with the
 * live copy before the swap. Progress streams as it goes; a copy that differs is not swapped, and
 * the outcome says how it differs. Cancelling the call cancels the build.
 */
@Injectable()
export class RebuildProjectionHandler {
  constructor(
    private readonly builds: ProjectionBuilds,
    private readonly gate: RiskyOperationGate,
    @Inject(LOGGER) private readonly logger: Logger,
    @Optional() @Inject(CACHE_STORE) private readonly caches?: CacheStore,
  ) {}

  execute(request: frmV1.RebuildProjectionRequest, caller: CallerContext): Observable<frmV1.RebuildProjectionUpdate> {
    return streamedWork<frmV1.RebuildProjectionUpdate>(
      async (signal, next) => {
        const rebuilder = this.builds.rebuilderOf(request.name);
        const overrideEntryId = await this.gate.admit({
          operation: 'RebuildProjection',
          target: { type: 'projection', id: request.name },
          caller,
          forceReason: request.forceReason,
          requestId: request.requestId,
        });
        const started = Date.now();
        let result: RebuildResult;
        try {
          result = await rebuilder.rebuild({
            signal,
            verify: { acceptDifferences: request.acceptDifferences },
            onProgress: (progress) => next({ progress: buildProgressOf(progress), outcome: null }),
          });
        } catch (error) {
          if (!(error instanceof RebuildNotVerifiedError)) throw error;
          const projection = this.builds.catalogue.get(request.name);
          next({
            progress: null,
            outcome: {
              projection: projection.name,
              version: projection.version,
              swapped: false,
              eventsApplied: '0',
              durationSeconds: (Date.now() - started) / 1000,
              verification: verifyReportOf(error.report),
              notComparedBecause: '',
              overrideAuditEntryId: overrideEntryId ?? '',
            },
          });
          return;
        }
        // The swapped-in rows came without a batch of events: the services' cached answers of the
        // old copy would outlive it (they are equal when verified, but not when differences were
        // accepted). The services notice on their next read and warm their most requested answers.
        if (this.caches) {
          await invalidateProjectionCaches(this.caches, result.projection).catch((error: unknown) =>
            this.logger.warn({ err: error, projection: result.projection }, `the cached answers of ${result.projection} could not be invalidated; they expire on their own`),
          );
        }
        next({
          progress: null,
          outcome: {
            projection: result.projection,
            version: result.version,
            swapped: true,
            eventsApplied: String(result.eventsApplied),
            durationSeconds: result.durationMs / 1000,
            verification: result.verification ? verifyReportOf(result.verification) : null,
            notComparedBecause: result.notComparedBecause ?? '',
            overrideAuditEntryId: overrideEntryId ?? '',
          },
        });
      },
      // Cancelled by the caller: nobody is listening, and the live copy is as it was.
      { errorOf: buildErrorOf, isCancellation: (error) => error instanceof RebuildCancelledError },
    );
  }
}
