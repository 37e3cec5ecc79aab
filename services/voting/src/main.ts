import 'reflect-metadata';
import { Redis } from 'ioredis';
import { InvalidSettingsError, loadSettings } from '@frm/config';
import { createLogger, logStartupFailure } from '@frm/logging';
import { startTracing } from '@frm/tracing';
import { KafkaUnreachableError, TopicMissingError } from '@frm/messaging';
import { MetricsPortUnavailableError, serviceMetrics } from '@frm/metrics';
import { NoCacheStore, RedisCacheStore } from '@frm/read-cache';
import { closeInOrder, closeOnSignals, GrpcPortUnavailableError, type Closer } from '@frm/nest-grpc';
import { DatabaseUnavailableError } from '@frm/postgres';
import { DataDirInUseError, InvalidStorageSettingsError, openStorage } from '@frm/storage';
import { personalDataCipher, warnPlaintextPersonalData, type PersonalDataCipher } from '@frm/subject-keys-client';
import { signalHashKeyFrom } from './signal-hash-key';
import { startVotingService } from './start-voting-service';
import { votingRelayFrom, votingSettings } from './voting.settings';

const SETUP_ERRORS = [InvalidSettingsError, KafkaUnreachableError, TopicMissingError, DatabaseUnavailableError, GrpcPortUnavailableError, MetricsPortUnavailableError, DataDirInUseError, InvalidStorageSettingsError];

/**
 * The voting service alone (`npm run start:voting`, a container of docker-compose.yml, or a
 * process of the local cluster); `npm start` runs it inside the launcher. With FRM_REDIS_URL set
 * its velocity limits count on Redis.
 */
async function main(): Promise<void> {
  let logger = createLogger({ service: 'voting' });
  try {
    const settings = loadSettings(votingSettings);
    logger = createLogger({ service: 'voting', level: settings.FRM_LOG_LEVEL });
    const tracing = startTracing({ service: 'voting', endpoint: settings.OTEL_EXPORTER_OTLP_ENDPOINT });
    const relay = votingRelayFrom(settings);
    let personalData: PersonalDataCipher | undefined;
    if (settings.FRM_COMPLIANCE_GRPC_ADDRESS) {
      const mode = settings.EVENTSTORE_CONNECTION_STRING ? 'distributed' : settings.FRM_DATABASE_URL ? 'local-cluster' : 'embedded';
      personalData = await personalDataCipher(settings.FRM_COMPLIANCE_GRPC_ADDRESS, { ...settings, mode });
    }
    const storage = await openStorage(settings);
    const redis = settings.FRM_REDIS_URL ? new Redis(settings.FRM_REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false, enableAutoPipelining: true }) : undefined;
    redis?.on('error', () => undefined); // the velocity check reports an absent Redis itself
    const resources: Closer[] = [() => redis?.disconnect(), () => personalData?.close(), () => storage.close()];
    const metrics = serviceMetrics({ service: 'voting', host: settings.FRM_VOTING_GRPC_HOST, port: settings.FRM_VOTING_METRICS_PORT, portSetting: 'FRM_VOTING_METRICS_PORT', onScrapeError: (error) => logger.error({ err: error }, 'a scrape of the voting metrics failed') });
    const voting = await startVotingService({
      metricsRegistry: metrics.registry,
      // Without Redis a server database may have other voting processes, whose votes this one's memory would miss.
      ...(redis ? { cacheStore: new RedisCacheStore(redis) } : settings.FRM_DATABASE_URL ? { cacheStore: new NoCacheStore() } : {}),
      db: storage.db,
      openEventStore: () => storage.openEventStore(),
      logger,
      host: settings.FRM_VOTING_GRPC_HOST,
      port: settings.FRM_VOTING_GRPC_PORT,
      signalHashKey: await signalHashKeyFrom(settings),
      pageTokenSecret: settings.FRM_PAGE_TOKEN_SECRET,
      redis,
      relay,
      ...(personalData ? { personalData: personalData.cipher } : {}),
    }).catch(async (error: unknown) => {
      await closeInOrder(resources);
      throw error;
    });
    if (!personalData) warnPlaintextPersonalData(logger, "the staff's review reasons");
    logger.info(
      { grpc: voting.address, data: storage.description },
      `voting gRPC on ${voting.address}, data in ${storage.description}, velocity limits ${redis ? 'on Redis' : 'in memory'}, ${relay ? `votes relayed to Kafka ${relay.kafka.brokers.join(',')}` : 'no Kafka relay'}`,
    );
    const metricsAddress = await metrics.listen().catch(async (error: unknown) => {
      await closeInOrder([() => voting.close(), ...resources]);
      throw error;
    });
    if (metricsAddress) logger.info(`voting metrics on http://${metricsAddress}/metrics`);
    closeOnSignals([() => metrics.close(), () => voting.close(), ...resources, () => tracing.shutdown()]);
  } catch (error) {
    logStartupFailure(logger, error, SETUP_ERRORS);
    process.exit(1);
  }
}

void main();
