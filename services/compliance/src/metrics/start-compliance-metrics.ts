import type { Logger } from '@frm/logging';
import { startMetricsListener, type Registry, type RunningMetricsListener } from '@frm/metrics';
import { openPostgresSubjectKeyStore, type MasterKeyProvider } from '@frm/pii';
import type { SqlDatabase } from '@frm/postgres';
import { registerMasterKeyMetrics } from './master-key.metrics';

export interface ComplianceMetricsOptions {
  /** Holds the service's other metrics too (its RPCs'). */
  readonly registry: Registry;
  readonly db: SqlDatabase;
  readonly keySchema: string;
  readonly masterKeys: MasterKeyProvider;
  readonly logger: Logger;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
}

/** The compliance service's `GET /metrics`: the master key's age, data keys by master key version, its RPCs, process metrics. */
export async function startComplianceMetrics(options: ComplianceMetricsOptions): Promise<RunningMetricsListener> {
  const { registry } = options;
  const keys = await openPostgresSubjectKeyStore(options.db, { schema: options.keySchema });
  await registerMasterKeyMetrics(registry, { keys, masterKeys: options.masterKeys, logger: options.logger });
  return startMetricsListener({
    registry,
    service: 'compliance',
    host: options.host,
    port: options.port,
    portSetting: 'FRM_COMPLIANCE_METRICS_PORT',
    onScrapeError: (error) => options.logger.error({ err: error }, 'a scrape of the compliance metrics failed'),
  });
}
