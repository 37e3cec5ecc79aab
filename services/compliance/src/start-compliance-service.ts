import type { Redis } from 'ioredis';
import type { AuditHeadPublisher } from '@frm/audit';
import type { EventStore } from '@frm/event-store';
import type { Logger } from '@frm/logging';
import { createMetricsRegistry } from '@frm/metrics';
import { startGrpcService } from '@frm/nest-grpc';
import type { MasterKeyProvider } from '@frm/pii';
import type { SqlDatabase } from '@frm/postgres';
import { DEFAULT_KEY_SCHEMA } from './compliance-infrastructure.module';
import { ComplianceModule } from './compliance.module';
import { DEFAULT_EXPORT_LIMITS, type ExportLimits } from './export/export-guard.policy';
import { startComplianceMetrics } from './metrics/start-compliance-metrics';

export interface ComplianceServiceOptions {
  /** Holds the key table, the ledger, the subject index and the audit log; the caller closes it after the service. */
  readonly db: SqlDatabase;
  readonly logger: Logger;
  /** Wraps the subjects' data keys (openLocalMasterKeys, or a KMS adapter). */
  readonly masterKeys: MasterKeyProvider;
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
  /** Publishes the audit head after each append (KafkaAuditHeadPublisher); the caller closes it. */
  readonly auditHeadPublisher?: AuditHeadPublisher;
  readonly exportLimits?: Partial<ExportLimits>;
  /** The bulk-export limit counts on Redis when given (server modes), in memory otherwise. */
  readonly redis?: Redis;
  readonly bulkExportKeyPrefix?: string;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 50053; 0 picks a free port. */
  readonly port?: number;
  /** Serves Prometheus `GET /metrics` on this port of `host` (0 picks a free one); none when absent. */
  readonly metricsPort?: number;
}

export interface RunningComplianceService {
  readonly address: string;
  readonly port: number;
  /** `host:port` of `GET /metrics`, when `metricsPort` was given. */
  readonly metricsAddress?: string;
  close(): Promise<void>;
}

/**
 * Starts the compliance gRPC service (frm.v1.ComplianceService, and frm.internal.v1.SubjectKeyService
 * for the services that encrypt personal data) with its subject index; erasures a stopped process
 * left half done are completed before it answers calls. Given `metricsPort`, it also serves
 * Prometheus `GET /metrics` there: the master key's age and the data keys by master key version.
 */
export async function startComplianceService(options: ComplianceServiceOptions): Promise<RunningComplianceService> {
  const host = options.host ?? '127.0.0.1';
  const registry = options.metricsPort === undefined ? undefined : createMetricsRegistry();
  const metrics =
    options.metricsPort === undefined || !registry
      ? undefined
      : await startComplianceMetrics({
          registry,
          db: options.db,
          keySchema: options.keySchema ?? DEFAULT_KEY_SCHEMA,
          masterKeys: options.masterKeys,
          logger: options.logger,
          host,
          port: options.metricsPort,
        });
  const grpc = await startGrpcService({
    service: 'compliance',
    host,
    port: options.port ?? 50053,
    portSetting: 'FRM_COMPLIANCE_GRPC_PORT',
    metrics: registry,
    serveInternal: true,
    logger: options.logger,
    readinessProbe: () => options.db.query('select 1').then(() => undefined),
    module: ComplianceModule.register({
      db: options.db,
      logger: options.logger,
      masterKeys: options.masterKeys,
      openEventStore: options.openEventStore,
      eventStoreSchema: options.eventStoreSchema,
      keySchema: options.keySchema,
      ledgerSchema: options.ledgerSchema,
      subjectIndexSchema: options.subjectIndexSchema,
      auditTrailSchema: options.auditTrailSchema,
      auditSchema: options.auditSchema,
      auditHeadPublisher: options.auditHeadPublisher,
      exportLimits: { ...DEFAULT_EXPORT_LIMITS, ...options.exportLimits },
      redis: options.redis,
      bulkExportKeyPrefix: options.bulkExportKeyPrefix,
    }),
  }).catch(async (error: unknown) => {
    await metrics?.close();
    throw error;
  });
  return {
    address: grpc.address,
    port: grpc.port,
    metricsAddress: metrics?.address,
    async close() {
      try {
        await grpc.close();
      } finally {
        await metrics?.close();
      }
    },
  };
}
