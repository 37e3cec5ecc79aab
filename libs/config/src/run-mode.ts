import type { RunModeSettings } from './common-settings';
import { hideUrlPassword } from './hide-url-password';
import { InvalidSettingsError, type SettingProblem } from './invalid-settings.error';

/** Where the events, the bus and the caches live; DESIGN.md §4. */
export type RunMode =
  | { readonly kind: 'embedded'; readonly dataDir: string }
  | {
      readonly kind: 'local-cluster';
      readonly databaseUrl: string;
      readonly kafkaBrokers: readonly string[];
      readonly redisUrl: string;
    }
  | {
      readonly kind: 'distributed';
      readonly eventStoreConnectionString: string;
      readonly databaseUrl: string;
      readonly kafkaBrokers: readonly string[];
      readonly redisUrl: string;
    };

/**
 * Chooses the run mode: no `FRM_DATABASE_URL` → embedded (PGlite under `FRM_DATA_DIR`, no Kafka,
 * no Redis); `FRM_DATABASE_URL` → local cluster (Postgres event store); `EVENTSTORE_CONNECTION_STRING`
 * → distributed (EventStoreDB). Both server modes need Kafka and Redis. A half-configured cluster
 * is refused rather than quietly run embedded, since losing events to a local file is worse than
 * not starting.
 * @throws InvalidSettingsError naming every variable that is missing or out of place
 */
export function decideRunMode(settings: RunModeSettings): RunMode {
  const { FRM_DATA_DIR, FRM_DATABASE_URL, EVENTSTORE_CONNECTION_STRING, FRM_KAFKA_BROKERS, FRM_REDIS_URL } = settings;
  const problems: SettingProblem[] = [];

  if (FRM_DATABASE_URL === undefined && EVENTSTORE_CONNECTION_STRING === undefined) {
    for (const [name, value] of [
      ['FRM_KAFKA_BROKERS', FRM_KAFKA_BROKERS],
      ['FRM_REDIS_URL', FRM_REDIS_URL],
    ] as const) {
      if (value !== undefined) problems.push(outOfPlace(name));
    }
    if (problems.length > 0) throw new InvalidSettingsError(problems);
    return { kind: 'embedded', dataDir: FRM_DATA_DIR };
  }

  const mode = EVENTSTORE_CONNECTION_STRING === undefined ? 'local-cluster' : 'distributed';
  const because = mode === 'local-cluster' ? 'FRM_DATABASE_URL is set' : 'EVENTSTORE_CONNECTION_STRING is set';
  if (FRM_DATABASE_URL === undefined) {
    const reason = `the read models of the distributed mode (${because}) live in Postgres`;
    problems.push(missing('FRM_DATABASE_URL', reason, 'postgres://frm:frm@postgres:5432/frm'));
  }
  if (FRM_KAFKA_BROKERS === undefined) {
    problems.push(missing('FRM_KAFKA_BROKERS', `the ${mode} mode (${because}) publishes events to Kafka`, '127.0.0.1:9092'));
  }
  if (FRM_REDIS_URL === undefined) {
    const reason = `the ${mode} mode (${because}) keeps caches and rate limits in Redis`;
    problems.push(missing('FRM_REDIS_URL', reason, 'redis://127.0.0.1:6379'));
  }
  if (FRM_DATABASE_URL === undefined || FRM_KAFKA_BROKERS === undefined || FRM_REDIS_URL === undefined) {
    throw new InvalidSettingsError(problems);
  }
  const servers = { databaseUrl: FRM_DATABASE_URL, kafkaBrokers: FRM_KAFKA_BROKERS, redisUrl: FRM_REDIS_URL };
  return EVENTSTORE_CONNECTION_STRING === undefined
    ? { kind: 'local-cluster', ...servers }
    : { kind: 'distributed', eventStoreConnectionString: EVENTSTORE_CONNECTION_STRING, ...servers };
}

/** One line for the start-up log, with URL passwords hidden. */
export function describeRunMode(mode: RunMode): string {
  if (mode.kind === 'embedded') return `embedded: PGlite under ${mode.dataDir}, no Kafka, no Redis`;
  const servers = `Kafka ${mode.kafkaBrokers.join(',')}, Redis ${hideUrlPassword(mode.redisUrl)}`;
  const database = hideUrlPassword(mode.databaseUrl);
  return mode.kind === 'local-cluster'
    ? `local-cluster: event store and read models in ${database}, ${servers}`
    : `distributed: EventStoreDB ${hideUrlPassword(mode.eventStoreConnectionString)}, read models in ${database}, ${servers}`;
}

function missing(name: string, reason: string, example: string): SettingProblem {
  return { name, message: `${name}: missing; ${reason}; e.g. ${example}` };
}

function outOfPlace(name: string): SettingProblem {
  const reason = 'without FRM_DATABASE_URL the services run embedded, which uses neither Kafka nor Redis';
  return { name, message: `${name}: set, but ${reason}; set FRM_DATABASE_URL too, or unset ${name}` };
}
