import 'reflect-metadata';
import { Redis } from 'ioredis';
import { InvalidSettingsError, loadSettings } from '@frm/config';
import { createLogger, logStartupFailure } from '@frm/logging';
import { RedisCacheStore } from '@frm/read-cache';
import { startTracing } from '@frm/tracing';
import { closeInOrder, closeOnSignals, GrpcPortUnavailableError, type Closer } from '@frm/nest-grpc';
import { DatabaseUnavailableError } from '@frm/postgres';
import { DataDirInUseError, InvalidStorageSettingsError, openStorage } from '@frm/storage';
import { personalDataCipher, type PersonalDataCipher } from '@frm/subject-keys-client';
import { freezePolicyFrom } from '@frm/wedding-day-freeze';
import { join } from 'node:path';
import { createMetricsRegistry, MetricsPortUnavailableError, startMetricsListener } from '@frm/metrics';
import { backupOptionsFrom } from './backups/backup.settings';
import { drOrchestratorSettings } from './dr-orchestrator.settings';
import { startDrOrchestrator } from './start-dr-orchestrator';

const SETUP_ERRORS = [InvalidSettingsError, DatabaseUnavailableError, GrpcPortUnavailableError, DataDirInUseError, InvalidStorageSettingsError, MetricsPortUnavailableError];

/** The DR orchestrator alone (`npm run start:dr`, a container of docker-compose.yml); `npm start` runs it inside the launcher. */
async function main(): Promise<void> {
  let logger = createLogger({ service: 'dr-orchestrator' });
  try {
    const settings = loadSettings(drOrchestratorSettings);
    logger = createLogger({ service: 'dr-orchestrator', level: settings.FRM_LOG_LEVEL });
    const tracing = startTracing({ service: 'dr-orchestrator', endpoint: settings.OTEL_EXPORTER_OTLP_ENDPOINT });
    let personalData: PersonalDataCipher | undefined;
    if (settings.FRM_COMPLIANCE_GRPC_ADDRESS) {
      const mode = settings.EVENTSTORE_CONNECTION_STRING ? 'distributed' : settings.FRM_DATABASE_URL ? 'local-cluster' : 'embedded';
      personalData = await personalDataCipher(settings.FRM_COMPLIANCE_GRPC_ADDRESS, { ...settings, mode });
    } else {
      logger.warn('rebuilt projections read events as stored: set FRM_COMPLIANCE_GRPC_ADDRESS (and FRM_MASTER_KEY) so that they read what the services read');
    }
    const storage = await openStorage(settings);
    const resources: Closer[] = [() => personalData?.close(), () => storage.close()];
    const policy = freezePolicyFrom(settings);
    // Embedded, backups go beside the data by default; a server database needs FRM_BACKUP_DIR.
    const backups = await backupOptionsFrom(settings, settings.FRM_DATABASE_URL ? undefined : join(settings.FRM_DATA_DIR, 'backups'));
    if (!backups) logger.warn('no backups of the event store are kept: set FRM_BACKUP_DIR to a directory for them');
    const registry = settings.FRM_DR_METRICS_PORT !== undefined ? createMetricsRegistry() : undefined;
    if (registry && settings.FRM_DR_METRICS_PORT !== undefined) {
      const metrics = await startMetricsListener({ registry, service: 'dr-orchestrator', host: settings.FRM_DR_GRPC_HOST, port: settings.FRM_DR_METRICS_PORT, portSetting: 'FRM_DR_METRICS_PORT' });
      resources.push(() => metrics.close());
    }
    // The services cache their answers in Redis: a swapped-in copy must make them stale there.
    const redis = settings.FRM_REDIS_URL ? new Redis(settings.FRM_REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : undefined;
    redis?.on('error', () => undefined); // a swap logs an invalidation that failed
    if (redis) resources.push(async () => redis.disconnect());
    const orchestrator = await startDrOrchestrator({
      ...(redis ? { cacheStore: new RedisCacheStore(redis) } : {}),
      db: storage.db,
      openEventStore: () => storage.openEventStore(),
      logger,
      host: settings.FRM_DR_GRPC_HOST,
      port: settings.FRM_DR_GRPC_PORT,
      freezePolicy: policy,
      abandonedCopyAfterMs: settings.FRM_DR_ABANDONED_AFTER,
      ...(backups ? { backups } : {}),
      ...(settings.FRM_KAFKA_BROKERS
        ? { kafka: { brokers: settings.FRM_KAFKA_BROKERS, compression: settings.FRM_KAFKA_COMPRESSION, connectTimeoutMs: settings.FRM_KAFKA_CONNECT_TIMEOUT } }
        : {}),
      ...(registry ? { metricsRegistry: registry } : {}),
      ...(personalData ? { personalData: personalData.cipher } : {}),
    }).catch(async (error: unknown) => {
      await closeInOrder(resources);
      throw error;
    });
    logger.info(
      { grpc: orchestrator.address, data: storage.description },
      `DR orchestrator gRPC on ${orchestrator.address}, data in ${storage.description}, backups ${backups ? `in ${backups.store.description}` : 'off'}; risky operations frozen on ${policy.weekdays.join(', ') || 'no weekday'} in ${policy.timeZone}`,
    );
    closeOnSignals([() => orchestrator.close(), ...resources, () => tracing.shutdown()]);
  } catch (error) {
    logStartupFailure(logger, error, SETUP_ERRORS);
    process.exit(1);
  }
}

void main();
