import { Controller, UseGuards } from '@nestjs/common';
import type { Metadata } from '@grpc/grpc-js';
import type { Observable } from 'rxjs';
import { RpcAccessGuard } from '@frm/access';
import { callerFromMetadata } from '@frm/caller';
import { frmV1 } from '@frm/contracts';
import { ListBackupsHandler } from './backups/list-backups.handler';
import { RunRestoreDrillHandler } from './drill/run-restore-drill.handler';
import { RepublishEventsHandler } from './republish/republish-events.handler';
import { ListProjectionsHandler } from './projections/list-projections.handler';
import { RebuildProjectionHandler } from './projections/rebuild-projection.handler';
import { VerifyProjectionHandler } from './projections/verify-projection.handler';

@Controller()
@UseGuards(RpcAccessGuard)
@frmV1.RecoveryServiceControllerMethods()
export class RecoveryController {
  constructor(
    private readonly listing: ListProjectionsHandler,
    private readonly rebuilds: RebuildProjectionHandler,
    private readonly verifications: VerifyProjectionHandler,
    private readonly backups: ListBackupsHandler,
    private readonly republishing: RepublishEventsHandler,
    private readonly drills: RunRestoreDrillHandler,
  ) {}

  runRestoreDrill(request: frmV1.RunRestoreDrillRequest): Observable<frmV1.RunRestoreDrillUpdate> {
    return this.drills.execute(request);
  }

  republishEvents(request: frmV1.RepublishEventsRequest, metadata: Metadata): Observable<frmV1.RepublishEventsUpdate> {
    return this.republishing.execute(request, callerFromMetadata(metadata));
  }

  listBackups(_request: frmV1.ListBackupsRequest): frmV1.ListBackupsResponse {
    return this.backups.execute();
  }

  listProjections(_request: frmV1.ListProjectionsRequest): Promise<frmV1.ListProjectionsResponse> {
    return this.listing.execute();
  }

  rebuildProjection(request: frmV1.RebuildProjectionRequest, metadata: Metadata): Observable<frmV1.RebuildProjectionUpdate> {
    return this.rebuilds.execute(request, callerFromMetadata(metadata));
  }

  verifyProjection(request: frmV1.VerifyProjectionRequest): Observable<frmV1.VerifyProjectionUpdate> {
    return this.verifications.execute(request);
  }
}
