import { hostPortList, oneOf, positiveInt, text, url } from './setting-types';
import { defineSettings, type SettingsOf } from './settings-schema';

/** The variables that choose the run mode (see {@link decideRunMode}); every service spreads them in. */
export const runModeSettings = defineSettings({
  FRM_DATA_DIR: text('.data').default('.data').describe('folder of the embedded PGlite database'),
  FRM_DATABASE_URL: url(['postgres', 'postgresql'], 'postgres://frm:frm@127.0.0.1:5432/frm')
    .optional()
    .describe('server Postgres: the event store of a local cluster, the read models when distributed; unset runs embedded'),
  FRM_DATABASE_POOL_MIN: positiveInt(10, '10')
    .optional()
    .describe("connections to FRM_DATABASE_URL a service opens at its start and keeps (its pool holds 10): a surge finds them ready; unset: opened as calls need them, closed after 10 s idle"),
  EVENTSTORE_CONNECTION_STRING: url(['esdb', 'esdb+discover'], 'esdb://127.0.0.1:2113?tls=false')
    .optional()
    .describe('EventStoreDB as the system of record, which makes the mode distributed'),
  FRM_KAFKA_BROKERS: hostPortList().optional().describe('Kafka bootstrap servers'),
  FRM_REDIS_URL: url(['redis', 'rediss'], 'redis://127.0.0.1:6379').optional().describe('Redis for caches and rate limits'),
});

export type RunModeSettings = SettingsOf<typeof runModeSettings>;

/** pino's level names. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The logging and tracing variables every service reads. */
export const logSettings = defineSettings({
  FRM_LOG_LEVEL: oneOf(LOG_LEVELS).default('info').describe('lowest level written to the log'),
  // OpenTelemetry's own name for it, so a collector set up for other services needs nothing new.
  OTEL_EXPORTER_OTLP_ENDPOINT: url(['http', 'https'], 'http://127.0.0.1:4318')
    .optional()
    .describe('OTLP/HTTP collector that receives the traces; unset: trace ids still reach logs, calls and Kafka headers, spans are not exported'),
});
