import { Controller, UseGuards } from '@nestjs/common';
import type { Metadata } from '@grpc/grpc-js';
import { from, type Observable } from 'rxjs';
import { RpcAccessGuard } from '@frm/access';
import { callerFromMetadata } from '@frm/caller';
import { frmV1 } from '@frm/contracts';
import { ConsentHandlers } from './consent/consent.handlers';
import { ListDataRequestsHandler } from './data-requests/list-data-requests.handler';
import { EraseSubjectHandler } from './erasure/erase-subject.handler';
import { ExportSubjectDataHandler } from './export/export-subject-data.handler';

@Controller()
@UseGuards(RpcAccessGuard)
@frmV1.ComplianceServiceControllerMethods()
export class ComplianceController {
  constructor(
    private readonly erasure: EraseSubjectHandler,
    private readonly exporter: ExportSubjectDataHandler,
    private readonly consents: ConsentHandlers,
    private readonly dataRequests: ListDataRequestsHandler,
  ) {}

  eraseSubject(request: frmV1.EraseSubjectRequest, metadata: Metadata): Promise<frmV1.ErasureCertificate> {
    return this.erasure.execute(request, callerFromMetadata(metadata));
  }

  exportSubjectData(request: frmV1.ExportSubjectDataRequest, metadata: Metadata): Observable<frmV1.ExportSubjectDataChunk> {
    return from(this.exporter.execute(request, callerFromMetadata(metadata)));
  }

  recordConsent(request: frmV1.RecordConsentRequest, metadata: Metadata): Promise<frmV1.Consent> {
    return this.consents.record(request, callerFromMetadata(metadata));
  }

  withdrawConsent(request: frmV1.WithdrawConsentRequest, metadata: Metadata): Promise<frmV1.Consent> {
    return this.consents.withdraw(request, callerFromMetadata(metadata));
  }

  listConsents(request: frmV1.ListConsentsRequest, metadata: Metadata): Promise<frmV1.ListConsentsResponse> {
    return this.consents.list(request, callerFromMetadata(metadata));
  }

  listDataRequests(request: frmV1.ListDataRequestsRequest, metadata: Metadata): Promise<frmV1.ListDataRequestsResponse> {
    return this.dataRequests.execute(request, callerFromMetadata(metadata));
  }
}
