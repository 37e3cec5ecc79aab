import 'reflect-metadata';
import { InvalidSettingsError, loadSettings } from '@frm/config';
import { createLogger, logStartupFailure } from '@frm/logging';
import { startTracing } from '@frm/tracing';
import { closeInOrder, closeOnSignals, GrpcPortUnavailableError, type Closer } from '@frm/nest-grpc';
import { DatabaseUnavailableError } from '@frm/postgres';
import { DataDirInUseError, InvalidStorageSettingsError, openStorage } from '@frm/storage';
import { personalDataCipher, type PersonalDataCipher } from '@frm/subject-keys-client';
import { MetricsPortUnavailableError, serviceMetrics } from '@frm/metrics';
import { deliveryOptionsFrom } from './delivery/delivery-from-settings';
import { notificationsSettings } from './notifications.settings';
import { startNotificationsService } from './start-notifications-service';

const SETUP_ERRORS = [InvalidSettingsError, DatabaseUnavailableError, GrpcPortUnavailableError, MetricsPortUnavailableError, DataDirInUseError, InvalidStorageSettingsError];

/**
 * The notifications service alone (`npm run start:notifications`, a container of docker-compose.yml,
 * or a process of the local cluster); `npm start` runs it inside the launcher.
 */
async function main(): Promise<void> {
  let logger = createLogger({ service: 'notifications' });
  try {
    const settings = loadSettings(notificationsSettings);
    logger = createLogger({ service: 'notifications', level: settings.FRM_LOG_LEVEL });
    const tracing = startTracing({ service: 'notifications', endpoint: settings.OTEL_EXPORTER_OTLP_ENDPOINT });
    let personalData: PersonalDataCipher | undefined;
    if (settings.FRM_COMPLIANCE_GRPC_ADDRESS) {
      const mode = settings.EVENTSTORE_CONNECTION_STRING ? 'distributed' : settings.FRM_DATABASE_URL ? 'local-cluster' : 'embedded';
      personalData = await personalDataCipher(settings.FRM_COMPLIANCE_GRPC_ADDRESS, { ...settings, mode });
    } else {
      logger.warn("requests' titles are shown as stored (encrypted, where intake encrypts them): set FRM_COMPLIANCE_GRPC_ADDRESS (and FRM_MASTER_KEY) to decrypt them");
    }
    const storage = await openStorage(settings);
    const resources: Closer[] = [() => personalData?.close(), () => storage.close()];
    const metrics = serviceMetrics({
      service: 'notifications',
      host: settings.FRM_NOTIFICATIONS_GRPC_HOST,
      port: settings.FRM_NOTIFICATIONS_METRICS_PORT,
      portSetting: 'FRM_NOTIFICATIONS_METRICS_PORT',
      onScrapeError: (error) => logger.error({ err: error }, 'a scrape of the notifications metrics failed'),
    });
    const registry = metrics.registry;
    const notifications = await startNotificationsService({
      metricsRegistry: registry,
      db: storage.db,
      openEventStore: () => storage.openEventStore(),
      logger,
      host: settings.FRM_NOTIFICATIONS_GRPC_HOST,
      port: settings.FRM_NOTIFICATIONS_GRPC_PORT,
      pageTokenSecret: settings.FRM_PAGE_TOKEN_SECRET,
      ...(personalData ? { personalData: personalData.cipher } : {}),
      delivery: await deliveryOptionsFrom(settings, logger, registry ? { metricsRegistry: registry } : {}),
    }).catch(async (error: unknown) => {
      await closeInOrder(resources);
      throw error;
    });
    logger.info({ grpc: notifications.address, data: storage.description }, `notifications gRPC on ${notifications.address}, data in ${storage.description}`);
    const metricsAddress = await metrics.listen().catch(async (error: unknown) => {
      await closeInOrder([() => notifications.close(), ...resources]);
      throw error;
    });
    if (metricsAddress) logger.info(`notifications metrics on http://${metricsAddress}/metrics`);
    closeOnSignals([() => metrics.close(), () => notifications.close(), ...resources, () => tracing.shutdown()]);
  } catch (error) {
    logStartupFailure(logger, error, SETUP_ERRORS);
    process.exit(1);
  }
}

void main();
