import { Module, type DynamicModule } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { PostgresAuditLog, type AuditHeadPublisher } from '@frm/audit';
import type { EventStore } from '@frm/event-store';
import { serviceEventStoreProviders } from '@frm/nest-grpc';
import type { Logger } from '@frm/logging';
import { openPostgresSubjectKeyStore, PiiCipher, type MasterKeyProvider, type SubjectKeyStore } from '@frm/pii';
import type { SqlDatabase } from '@frm/postgres';
import { ComplianceAudit } from './audit/compliance-audit';
import {
  AUDIT_SCHEMA,
  BULK_EXPORT_LIMITER,
  COMPLIANCE_AUDIT,
  COMPLIANCE_DATABASE,
  DATA_REQUEST_LOG,
  ERASURE_LEDGER,
  EVENT_STORE,
  EXPORT_LIMITS,
  LOGGER,
  MASTER_KEYS,
  PII_CIPHER,
  SUBJECT_INDEX_SCHEMA,
  AUDIT_TRAIL_SCHEMA,
  SUBJECT_KEYS,
} from './compliance.tokens';
import { DataRequestLog } from './data-requests/data-request-log';
import { DEFAULT_LEDGER_SCHEMA, ErasureLedger } from './erasure/erasure-ledger';
import { BulkExportLimiter } from './export/bulk-export-limiter';
import type { ExportLimits } from './export/export-guard.policy';

/** The schema of the key table (libs/pii's `subject_keys`) unless the service is told another. */
export const DEFAULT_KEY_SCHEMA = 'compliance_keys';

export interface ComplianceInfrastructureOptions {
  /** Holds the key table, the ledger, the subject index and the audit log; its owner opens and closes it. */
  readonly db: SqlDatabase;
  readonly logger: Logger;
  readonly masterKeys: MasterKeyProvider;
  /** Opens the event store (Storage.openEventStore); absent: the tables in `eventStoreSchema` of `db`. */
  readonly openEventStore?: () => Promise<EventStore>;
  readonly eventStoreSchema?: string;
  /** Default `compliance_keys`. */
  readonly keySchema?: string;
  /** Default `compliance_ledger`. */
  readonly ledgerSchema?: string;
  /** Default `projection_compliance_subject_index`. */
  readonly subjectIndexSchema?: string;
  /** Schema of the audit trail projection (default `projection_compliance_audit_trail`). */
  readonly auditTrailSchema?: string;
  /** Default `audit`. */
  readonly auditSchema?: string;
  /** Publishes the audit log's head after each append (Kafka `frm.audit.v1`); none when absent. */
  readonly auditHeadPublisher?: AuditHeadPublisher;
  readonly exportLimits: ExportLimits;
  /** The bulk-export limit counts on Redis when given, in memory otherwise. */
  readonly redis?: Redis;
  readonly bulkExportKeyPrefix?: string;
}

/** What the compliance service is given from outside, and the stores it opens in its own schemas. */
@Module({})
export class ComplianceInfrastructureModule {
  static register(options: ComplianceInfrastructureOptions): DynamicModule {
    const ledgerSchema = options.ledgerSchema ?? DEFAULT_LEDGER_SCHEMA;
    const auditSchema = options.auditSchema ?? 'audit';
    return {
      module: ComplianceInfrastructureModule,
      global: true,
      providers: [
        { provide: COMPLIANCE_DATABASE, useValue: options.db },
        { provide: LOGGER, useValue: options.logger },
        { provide: MASTER_KEYS, useValue: options.masterKeys },
        { provide: SUBJECT_INDEX_SCHEMA, useValue: options.subjectIndexSchema ?? null },
        { provide: AUDIT_TRAIL_SCHEMA, useValue: options.auditTrailSchema ?? null },
        { provide: AUDIT_SCHEMA, useValue: auditSchema },
        { provide: EXPORT_LIMITS, useValue: options.exportLimits },
        {
          provide: BULK_EXPORT_LIMITER,
          useValue: new BulkExportLimiter({ perHour: options.exportLimits.bulkPerHour, redis: options.redis, keyPrefix: options.bulkExportKeyPrefix }),
        },
        ...serviceEventStoreProviders(EVENT_STORE, options),
        { provide: SUBJECT_KEYS, useFactory: () => openPostgresSubjectKeyStore(options.db, { schema: options.keySchema ?? DEFAULT_KEY_SCHEMA }) },
        { provide: PII_CIPHER, useFactory: (keys: SubjectKeyStore) => new PiiCipher(keys, options.masterKeys), inject: [SUBJECT_KEYS] },
        { provide: ERASURE_LEDGER, useFactory: () => ErasureLedger.open(options.db, ledgerSchema) },
        { provide: DATA_REQUEST_LOG, useFactory: () => DataRequestLog.open(options.db, ledgerSchema) },
        {
          provide: COMPLIANCE_AUDIT,
          useFactory: async () => new ComplianceAudit(await PostgresAuditLog.open(options.db, { schema: auditSchema }), options.logger, options.auditHeadPublisher),
        },
      ],
      exports: [
        COMPLIANCE_DATABASE,
        LOGGER,
        MASTER_KEYS,
        SUBJECT_INDEX_SCHEMA,
        AUDIT_TRAIL_SCHEMA,
        AUDIT_SCHEMA,
        EXPORT_LIMITS,
        BULK_EXPORT_LIMITER,
        EVENT_STORE,
        SUBJECT_KEYS,
        PII_CIPHER,
        ERASURE_LEDGER,
        DATA_REQUEST_LOG,
        COMPLIANCE_AUDIT,
      ],
    };
  }
}
