import 'reflect-metadata';
import { Redis } from 'ioredis';
import { loadSettings } from '@frm/config';
import { createLogger, logStartupFailure } from '@frm/logging';
import { startTracing } from '@frm/tracing';
import { serviceMetrics } from '@frm/metrics';
import { NoCacheStore, RedisCacheStore } from '@frm/read-cache';
import { closeInOrder, closeOnSignals, type Closer } from '@frm/nest-grpc';
import { openStorage } from '@frm/storage';
import { personalDataCipher, warnPlaintextPersonalData, type PersonalDataCipher } from '@frm/subject-keys-client';
import { intakeSettings } from './intake.settings';
import { intakeRelayFrom } from './relay/intake-relay.settings';
import { startIntakeService } from './start-intake-service';
import { INTAKE_SETUP_ERRORS } from './startup-failure';

/**
 * The intake service alone (`npm run start:intake`, a container of docker-compose.yml, or a process
 * of the local cluster); `npm start` runs it inside the launcher. With FRM_KAFKA_BROKERS set it also
 * relays its events to Kafka.
 */
async function main(): Promise<void> {
  let logger = createLogger({ service: 'intake' });
  try {
    const settings = loadSettings(intakeSettings);
    logger = createLogger({ service: 'intake', level: settings.FRM_LOG_LEVEL });
    const tracing = startTracing({ service: 'intake', endpoint: settings.OTEL_EXPORTER_OTLP_ENDPOINT });
    const relay = intakeRelayFrom(settings);
    let personalData: PersonalDataCipher | undefined;
    if (settings.FRM_COMPLIANCE_GRPC_ADDRESS) {
      const mode = settings.EVENTSTORE_CONNECTION_STRING ? 'distributed' : settings.FRM_DATABASE_URL ? 'local-cluster' : 'embedded';
      personalData = await personalDataCipher(settings.FRM_COMPLIANCE_GRPC_ADDRESS, { ...settings, mode });
    }
    const storage = await openStorage(settings);
    // Board lists are cached in Redis when there is one, shared by every intake replica.
    const redis = settings.FRM_REDIS_URL ? new Redis(settings.FRM_REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1, enableAutoPipelining: true }) : undefined;
    redis?.on('error', () => undefined); // the cache reports a Redis that does not answer, and reads the database
    const resources: Closer[] = [() => redis?.disconnect(), () => personalData?.close(), () => storage.close()];
    const metrics = serviceMetrics({ service: 'intake', host: settings.FRM_INTAKE_GRPC_HOST, port: settings.FRM_INTAKE_METRICS_PORT, portSetting: 'FRM_INTAKE_METRICS_PORT', onScrapeError: (error) => logger.error({ err: error }, 'a scrape of the intake metrics failed') });
    const intake = await startIntakeService({
      metricsRegistry: metrics.registry,
      // Without Redis a server database may have other intake processes, whose writes this one's memory would miss.
      ...(redis ? { cacheStore: new RedisCacheStore(redis) } : settings.FRM_DATABASE_URL ? { cacheStore: new NoCacheStore() } : {}),
      db: storage.db,
      openEventStore: () => storage.openEventStore(),
      logger,
      host: settings.FRM_INTAKE_GRPC_HOST,
      port: settings.FRM_INTAKE_GRPC_PORT,
      pageTokenSecret: settings.FRM_PAGE_TOKEN_SECRET,
      trendHalfLifeMs: settings.FRM_TREND_HALF_LIFE,
      relay,
      ...(personalData ? { personalData: personalData.cipher } : {}),
    }).catch(async (error: unknown) => {
      await closeInOrder(resources);
      throw error;
    });
    if (!personalData) warnPlaintextPersonalData(logger, 'titles, descriptions, comments');
    const kafka = relay ? relay.kafka.brokers.join(',') : undefined;
    logger.info(
      { grpc: intake.address, data: storage.description, kafka },
      `intake gRPC on ${intake.address}, data in ${storage.description}, ${kafka ? `events relayed to Kafka ${kafka}` : 'no Kafka relay'}`,
    );
    const metricsAddress = await metrics.listen().catch(async (error: unknown) => {
      await closeInOrder([() => intake.close(), ...resources]);
      throw error;
    });
    if (metricsAddress) logger.info(`intake metrics on http://${metricsAddress}/metrics`);
    closeOnSignals([() => metrics.close(), () => intake.close(), ...resources, () => tracing.shutdown()]);
  } catch (error) {
    logStartupFailure(logger, error, INTAKE_SETUP_ERRORS);
    process.exit(1);
  }
}

void main();
