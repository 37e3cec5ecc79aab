import { Injectable } from '@nestjs/common';
import { Observable } from 'rxjs';
import type { frmV1 } from '@frm/contracts';
import { RebuildCancelledError } from '@frm/projections';
import { buildErrorOf } from './build-errors';
import { ProjectionBuilds } from './projection-builds';
import { buildProgressOf, verifyReportOf } from './recovery.messages';

/** VerifyProjection: a scratch copy built up to the live checkpoint and compared; changes nothing. */
@Injectable()
export class VerifyProjectionHandler {
  constructor(private readonly builds: ProjectionBuilds) {}

  execute(request: frmV1.VerifyProjectionRequest): Observable<frmV1.VerifyProjectionUpdate> {
    return new Observable<frmV1.VerifyProjectionUpdate>((subscriber) => {
      const cancel = new AbortController();
      void (async () => {
        const report = await this.builds.rebuilderOf(request.name).verify({
          signal: cancel.signal,
          onProgress: (progress) => subscriber.next({ progress: buildProgressOf(progress), report: null }),
        });
        subscriber.next({ progress: null, report: verifyReportOf(report) });
      })().then(
        () => subscriber.complete(),
        (error: unknown) => {
          if (error instanceof RebuildCancelledError && cancel.signal.aborted) return;
          subscriber.error(buildErrorOf(error));
        },
      );
      return () => cancel.abort();
    });
  }
}
