import 'reflect-metadata';
import { InvalidSettingsError, loadSettings } from '@frm/config';
import { createLogger, logStartupFailure } from '@frm/logging';
import { startTracing } from '@frm/tracing';
import { MetricsPortUnavailableError, serviceMetrics } from '@frm/metrics';
import { closeInOrder, closeOnSignals, GrpcPortUnavailableError, type Closer } from '@frm/nest-grpc';
import { DatabaseUnavailableError } from '@frm/postgres';
import { ProjectionVersionMismatchError } from '@frm/projections';
import { DataDirInUseError, InvalidStorageSettingsError, openStorage } from '@frm/storage';
import { personalDataCipher, type PersonalDataCipher } from '@frm/subject-keys-client';
import { TrendHalfLifeMismatchError } from './read-model/trend-half-life-mismatch.error';
import { startTriageService } from './start-triage-service';
import { triageSettings } from './triage.settings';

const SETUP_ERRORS = [
  InvalidSettingsError,
  DatabaseUnavailableError,
  GrpcPortUnavailableError,
  MetricsPortUnavailableError,
  DataDirInUseError,
  InvalidStorageSettingsError,
  ProjectionVersionMismatchError,
  TrendHalfLifeMismatchError,
];

/**
 * The triage service alone (`npm run start:triage`, a container of docker-compose.yml, or a process
 * of the local cluster); the launcher can run it in its own process too.
 */
async function main(): Promise<void> {
  let logger = createLogger({ service: 'triage' });
  try {
    const settings = loadSettings(triageSettings);
    logger = createLogger({ service: 'triage', level: settings.FRM_LOG_LEVEL });
    const tracing = startTracing({ service: 'triage', endpoint: settings.OTEL_EXPORTER_OTLP_ENDPOINT });
    let personalData: PersonalDataCipher | undefined;
    if (settings.FRM_COMPLIANCE_GRPC_ADDRESS) {
      const mode = settings.EVENTSTORE_CONNECTION_STRING ? 'distributed' : settings.FRM_DATABASE_URL ? 'local-cluster' : 'embedded';
      personalData = await personalDataCipher(settings.FRM_COMPLIANCE_GRPC_ADDRESS, { ...settings, mode });
    } else {
      logger.warn("requests' texts are read as stored (encrypted, where intake encrypts them): set FRM_COMPLIANCE_GRPC_ADDRESS (and FRM_MASTER_KEY) to decrypt them");
    }
    const storage = await openStorage(settings);
    const resources: Closer[] = [() => personalData?.close(), () => storage.close()];
    const metrics = serviceMetrics({ service: 'triage', host: settings.FRM_TRIAGE_GRPC_HOST, port: settings.FRM_TRIAGE_METRICS_PORT, portSetting: 'FRM_TRIAGE_METRICS_PORT', onScrapeError: (error) => logger.error({ err: error }, 'a scrape of the triage metrics failed') });
    const triage = await startTriageService({
      metricsRegistry: metrics.registry,
      db: storage.db,
      openEventStore: () => storage.openEventStore(),
      logger,
      host: settings.FRM_TRIAGE_GRPC_HOST,
      port: settings.FRM_TRIAGE_GRPC_PORT,
      pageTokenSecret: settings.FRM_PAGE_TOKEN_SECRET,
      trendHalfLifeMs: settings.FRM_TREND_HALF_LIFE,
      weddingSeasonMonths: settings.FRM_TRIAGE_SEASON_MONTHS,
      weddingDayBoost: settings.FRM_TRIAGE_WEDDING_DAY_BOOST,
      modelDirectory: settings.FRM_TRIAGE_MODEL_DIR,
      ...(personalData ? { personalData: personalData.cipher } : {}),
    }).catch(async (error: unknown) => {
      await closeInOrder(resources);
      throw error;
    });
    logger.info(
      { grpc: triage.address, data: storage.description, mode: triage.mode },
      `triage gRPC on ${triage.address} (${triage.mode} similarity), data in ${storage.description}`,
    );
    const metricsAddress = await metrics.listen().catch(async (error: unknown) => {
      await closeInOrder([() => triage.close(), ...resources]);
      throw error;
    });
    if (metricsAddress) logger.info(`triage metrics on http://${metricsAddress}/metrics`);
    closeOnSignals([() => metrics.close(), () => triage.close(), ...resources, () => tracing.shutdown()]);
  } catch (error) {
    logStartupFailure(logger, error, SETUP_ERRORS);
    process.exit(1);
  }
}

void main();
