import 'reflect-metadata';
import { Redis } from 'ioredis';
import { InvalidSettingsError, loadSettings } from '@frm/config';
import { createLogger, logStartupFailure } from '@frm/logging';
import { startTracing } from '@frm/tracing';
import { KafkaUnreachableError, TopicMissingError } from '@frm/messaging';
import { MetricsPortUnavailableError } from '@frm/metrics';
import { closeInOrder, closeOnSignals, GrpcPortUnavailableError, type Closer } from '@frm/nest-grpc';
import { openLocalMasterKeys } from '@frm/pii';
import { DatabaseUnavailableError } from '@frm/postgres';
import { DataDirInUseError, InvalidStorageSettingsError, openStorage } from '@frm/storage';
import { auditHeadPublisherFrom } from './audit/audit-head-publisher-from';
import { complianceSettings, runModeKindOf } from './compliance.settings';
import { startComplianceService } from './start-compliance-service';

const SETUP_ERRORS = [InvalidSettingsError, KafkaUnreachableError, TopicMissingError, DatabaseUnavailableError, GrpcPortUnavailableError, MetricsPortUnavailableError, DataDirInUseError, InvalidStorageSettingsError];

/**
 * The compliance service alone (`npm run start:compliance`, a container of docker-compose.yml, or a
 * process of the local cluster); `npm start` runs it inside the launcher.
 */
async function main(): Promise<void> {
  let logger = createLogger({ service: 'compliance' });
  try {
    const settings = loadSettings(complianceSettings);
    logger = createLogger({ service: 'compliance', level: settings.FRM_LOG_LEVEL });
    const tracing = startTracing({ service: 'compliance', endpoint: settings.OTEL_EXPORTER_OTLP_ENDPOINT });
    const { kms, generatedIn } = await openLocalMasterKeys(settings, runModeKindOf(settings));
    if (generatedIn) logger.warn({ masterKeyFile: generatedIn }, `made a development master key in ${generatedIn} (FRM_MASTER_KEY is unset); back it up with the data`);
    const storage = await openStorage(settings);
    const redis = settings.FRM_REDIS_URL ? new Redis(settings.FRM_REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : undefined;
    redis?.on('error', () => undefined); // the bulk-export limit falls back to memory itself
    const publisher = await auditHeadPublisherFrom(settings);
    const resources: Closer[] = [() => publisher?.close(), () => redis?.disconnect(), () => storage.close()];
    const compliance = await startComplianceService({
      db: storage.db,
      openEventStore: () => storage.openEventStore(),
      logger,
      masterKeys: kms,
      host: settings.FRM_COMPLIANCE_GRPC_HOST,
      port: settings.FRM_COMPLIANCE_GRPC_PORT,
      metricsPort: settings.FRM_COMPLIANCE_METRICS_PORT,
      exportLimits: { bulkRecords: settings.FRM_EXPORT_BULK_RECORDS, bulkPerHour: settings.FRM_EXPORT_BULK_PER_HOUR },
      redis,
      auditHeadPublisher: publisher,
    }).catch(async (error: unknown) => {
      await closeInOrder(resources);
      throw error;
    });
    const metrics = compliance.metricsAddress ? `, metrics on http://${compliance.metricsAddress}/metrics` : '';
    logger.info(
      { grpc: compliance.address, metrics: compliance.metricsAddress, data: storage.description },
      `compliance gRPC on ${compliance.address}${metrics}, data in ${storage.description}, master key ${kms.currentVersion}, ` +
        `${publisher ? `audit heads to Kafka ${settings.FRM_KAFKA_BROKERS?.join(',')}` : 'audit heads not published (no Kafka)'}`,
    );
    closeOnSignals([() => compliance.close(), ...resources, () => tracing.shutdown()]);
  } catch (error) {
    logStartupFailure(logger, error, SETUP_ERRORS);
    process.exit(1);
  }
}

void main();
