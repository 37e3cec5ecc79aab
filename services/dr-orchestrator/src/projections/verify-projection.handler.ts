import { Injectable } from '@nestjs/common';
import type { Observable } from 'rxjs';
import type { frmV1 } from '@frm/contracts';
import { RebuildCancelledError } from '@frm/projections';
import { streamedWork } from '../streamed-work';
import { buildErrorOf } from './build-errors';
import { ProjectionBuilds } from './projection-builds';
import { buildProgressOf, verifyReportOf } from './recovery.messages';

/** VerifyProjection: a scratch copy built up to the live checkpoint and compared; changes nothing. */
@Injectable()
export class VerifyProjectionHandler {
  constructor(private readonly builds: ProjectionBuilds) {}

  execute(request: frmV1.VerifyProjectionRequest): Observable<frmV1.VerifyProjectionUpdate> {
    return streamedWork<frmV1.VerifyProjectionUpdate>(
      async (signal, next) => {
        const report = await this.builds.rebuilderOf(request.name).verify({
          signal,
          onProgress: (progress) => next({ progress: buildProgressOf(progress), report: null }),
        });
        next({ progress: null, report: verifyReportOf(report) });
      },
      { errorOf: buildErrorOf, isCancellation: (error) => error instanceof RebuildCancelledError },
    );
  }
}
