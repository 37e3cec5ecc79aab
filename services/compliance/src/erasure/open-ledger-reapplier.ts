import { PostgresAuditLog } from '@frm/audit';
import type { EventStore } from '@frm/event-store';
import type { Logger } from '@frm/logging';
import { openPostgresSubjectKeyStore } from '@frm/pii';
import type { SqlDatabase } from '@frm/postgres';
import { ComplianceAudit } from '../audit/compliance-audit';
import { DataRequestLog } from '../data-requests/data-request-log';
import { DataSubjectRepository } from '../subjects/data-subject.repository';
import { DEFAULT_LEDGER_SCHEMA, ErasureLedger } from './erasure-ledger';
import { reapplyErasureLedger, type ReapplyOptions, type ReapplyResult } from './reapply-erasure-ledger';
import { SubjectEraser } from './subject-eraser';

export interface LedgerReapplyTarget {
  readonly db: SqlDatabase;
  /** The restored event store (schema-validating, as the services write it). */
  readonly eventStore: EventStore;
  readonly logger: Logger;
  readonly keySchema?: string;
  readonly ledgerSchema?: string;
  readonly auditSchema?: string;
}

/**
 * Re-applies the erasure ledger to a restored key table and event store, without starting the
 * service (for the `frm` tool or a restore drill). Needs no master key: it only deletes keys.
 */
export async function reapplyErasureLedgerTo(target: LedgerReapplyTarget, options: ReapplyOptions = {}): Promise<ReapplyResult> {
  const ledgerSchema = target.ledgerSchema ?? DEFAULT_LEDGER_SCHEMA;
  const ledger = await ErasureLedger.open(target.db, ledgerSchema);
  const eraser = new SubjectEraser({
    keys: await openPostgresSubjectKeyStore(target.db, { schema: target.keySchema ?? 'compliance_keys' }),
    ledger,
    subjects: new DataSubjectRepository(target.eventStore),
    // Completing never lists streams: only a new erasure does.
    streamsOf: async () => [],
    audit: new ComplianceAudit(await PostgresAuditLog.open(target.db, { schema: target.auditSchema ?? 'audit' }), target.logger),
    requests: await DataRequestLog.open(target.db, ledgerSchema),
    logger: target.logger,
  });
  return reapplyErasureLedger(ledger, eraser, options);
}
