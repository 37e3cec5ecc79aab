import { Module, type DynamicModule } from '@nestjs/common';
import { RpcAccessGuard } from '@frm/access';
import type { Logger } from '@frm/logging';
import type { PiiCipher, SubjectKeyStore } from '@frm/pii';
import type { ComplianceAudit } from './audit/compliance-audit';
import { ComplianceController } from './compliance.controller';
import { ComplianceInfrastructureModule, type ComplianceInfrastructureOptions } from './compliance-infrastructure.module';
import { COMPLIANCE_AUDIT, DATA_REQUEST_LOG, ERASURE_LEDGER, LOGGER, PII_CIPHER, SUBJECT_ERASER, SUBJECT_KEYS } from './compliance.tokens';
import { ConsentHandlers } from './consent/consent.handlers';
import type { DataRequestLog } from './data-requests/data-request-log';
import { ListDataRequestsHandler } from './data-requests/list-data-requests.handler';
import { EraseSubjectHandler } from './erasure/erase-subject.handler';
import type { ErasureLedger } from './erasure/erasure-ledger';
import { SubjectEraser } from './erasure/subject-eraser';
import { ExportSubjectDataHandler } from './export/export-subject-data.handler';
import { SubjectIndex } from './subject-index/subject-index.read-model';
import { SubjectKeysController } from './subject-keys/subject-keys.controller';
import { DataSubjectRepository } from './subjects/data-subject.repository';
import { AuditTrail } from './audit/audit-trail';

@Module({
  controllers: [ComplianceController, SubjectKeysController],
  providers: [
    RpcAccessGuard,
    DataSubjectRepository,
    SubjectIndex,
    AuditTrail,
    {
      provide: SUBJECT_ERASER,
      useFactory: (
        keys: SubjectKeyStore,
        ledger: ErasureLedger,
        subjects: DataSubjectRepository,
        index: SubjectIndex,
        audit: ComplianceAudit,
        requests: DataRequestLog,
        cipher: PiiCipher,
        logger: Logger,
      ) => new SubjectEraser({ keys, ledger, subjects, streamsOf: (id) => index.streamsOf(id), audit, requests, cipher, logger }),
      inject: [SUBJECT_KEYS, ERASURE_LEDGER, DataSubjectRepository, SubjectIndex, COMPLIANCE_AUDIT, DATA_REQUEST_LOG, PII_CIPHER, LOGGER],
    },
    EraseSubjectHandler,
    ExportSubjectDataHandler,
    ConsentHandlers,
    ListDataRequestsHandler,
  ],
})
class ComplianceFeaturesModule {}

/** The compliance service: erasure, export, consent and data requests over gRPC, and the internal key service. */
@Module({})
export class ComplianceModule {
  static register(options: ComplianceInfrastructureOptions): DynamicModule {
    return { module: ComplianceModule, imports: [ComplianceInfrastructureModule.register(options), ComplianceFeaturesModule] };
  }
}
