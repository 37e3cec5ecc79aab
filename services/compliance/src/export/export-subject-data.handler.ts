import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { v5 as uuidv5 } from 'uuid';
import type { CallerContext } from '@frm/caller';
import type { frmV1 } from '@frm/contracts';
import type { EventStore } from '@frm/event-store';
import type { PiiCipher } from '@frm/pii';
import type { SqlDatabase } from '@frm/postgres';
import { assertMayActFor } from '../access/may-act-for';
import type { ComplianceAudit } from '../audit/compliance-audit';
import { AUDIT_SCHEMA, BULK_EXPORT_LIMITER, COMPLIANCE_AUDIT, COMPLIANCE_DATABASE, DATA_REQUEST_LOG, EVENT_STORE, EXPORT_LIMITS, PII_CIPHER } from '../compliance.tokens';
import type { DataRequestLog } from '../data-requests/data-request-log';
import { derivedId, RequestCheck } from '../requests/request-fields';
import { SubjectIndex } from '../subject-index/subject-index.read-model';
import type { BulkExportLimiter } from './bulk-export-limiter';
import { clearExport, type ExportLimits } from './export-guard.policy';
import { exportChunks } from './export-chunks';
import { ExportRecordsThread } from './export-records-thread-client';
import { collectSubjectRecords } from './subject-records';

// Fixed, random: a retried export (same caller and request id) gets the same watermark id.
const EXPORT_NAMESPACE = 'd41f5a77-0c2e-4b9b-8f36-5e8a1c9d2b70';

/**
 * ExportSubjectData: checks who asks, collects everything about the subject, applies the bulk-export
 * rule (admin, reason, hourly limit), logs the request and audits it, then streams the records in
 * chunks, each carrying the export's watermark id.
 */
@Injectable()
export class ExportSubjectDataHandler implements OnApplicationShutdown {
  private readonly recordsThread = new ExportRecordsThread();

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(COMPLIANCE_DATABASE) private readonly db: SqlDatabase,
    @Inject(PII_CIPHER) private readonly cipher: PiiCipher,
    @Inject(AUDIT_SCHEMA) private readonly auditSchema: string,
    @Inject(COMPLIANCE_AUDIT) private readonly audit: ComplianceAudit,
    @Inject(DATA_REQUEST_LOG) private readonly requests: DataRequestLog,
    @Inject(EXPORT_LIMITS) private readonly limits: ExportLimits,
    @Inject(BULK_EXPORT_LIMITER) private readonly limiter: BulkExportLimiter,
    private readonly index: SubjectIndex,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.recordsThread.close();
  }

  /** Everything that may refuse the export happens before the first chunk: the stream then only carries data. */
  async *execute(request: frmV1.ExportSubjectDataRequest, caller: CallerContext): AsyncGenerator<frmV1.ExportSubjectDataChunk> {
    const check = new RequestCheck();
    const requestId = check.requestId(request.requestId);
    const subjectId = check.subjectId('subject_id', request.subjectId);
    const reason = check.reason(request.reason, false);
    const regime = check.regime(String(request.regime));
    check.done();
    assertMayActFor(caller, subjectId, 'Export');
    const exportId = requestId === '' ? randomUUID() : uuidv5(`${caller.subject}\n${requestId}`, EXPORT_NAMESPACE);
    const records = await collectSubjectRecords(
      { eventStore: this.eventStore, cipher: this.cipher, streamsOf: (id) => this.index.streamsOf(id), db: this.db, auditSchema: this.auditSchema, recordsThread: this.recordsThread },
      subjectId,
      exportId,
    );
    const clearance = clearExport({ callerId: caller.subject, callerRoles: caller.roles, subjectId, recordCount: records.length, reason }, this.limits);
    if (clearance.bulk) await this.limiter.consume(caller.subject);
    const at = new Date();
    await this.requests.open({ id: exportId, kind: 'export', subjectId, requestedBy: caller.subject, regime, at });
    await this.audit.record({
      entryId: derivedId('audit:export', exportId),
      actorId: caller.subject,
      action: 'export',
      target: { type: 'subject', id: subjectId },
      reason: reason || 'export requested by the data subject',
      detail: { exportId, records: records.length, bulk: clearance.bulk ? 1 : 0 },
    });
    try {
      yield* exportChunks(records, exportId, subjectId, at);
      await this.requests.complete(exportId);
    } catch (error) {
      await this.requests.fail(exportId).catch(() => undefined);
      throw error;
    }
  }
}
