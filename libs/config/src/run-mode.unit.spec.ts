import { runModeSettings } from './common-settings';
import { InvalidSettingsError } from './invalid-settings.error';
import { loadSettings } from './load-settings';
import { decideRunMode, describeRunMode } from './run-mode';

const POSTGRES = 'postgres://frm:frm@127.0.0.1:5432/frm';
const KAFKA = '127.0.0.1:9092';
const REDIS = 'redis://127.0.0.1:6379';
const ESDB = 'esdb://admin:changeit@eventstore:2113?tls=false';

const modeFor = (env: Record<string, string>) => decideRunMode(loadSettings(runModeSettings, env));

function problemsFor(env: Record<string, string>): string[] {
  try {
    modeFor(env);
  } catch (error) {
    if (error instanceof InvalidSettingsError) return error.problems.map((problem) => problem.message);
    throw error;
  }
  throw new Error('expected an InvalidSettingsError');
}

describe('decideRunMode', () => {
  it('runs embedded under .data when no server is configured', () => {
    expect(modeFor({})).toEqual({ kind: 'embedded', dataDir: '.data' });
    expect(modeFor({ FRM_DATA_DIR: '/var/lib/frm' })).toEqual({ kind: 'embedded', dataDir: '/var/lib/frm' });
  });

  it('runs as a local cluster on server Postgres, Kafka and Redis', () => {
    expect(modeFor({ FRM_DATABASE_URL: POSTGRES, FRM_KAFKA_BROKERS: KAFKA, FRM_REDIS_URL: REDIS })).toEqual({
      kind: 'local-cluster',
      databaseUrl: POSTGRES,
      kafkaBrokers: [KAFKA],
      redisUrl: REDIS,
    });
  });

  it('runs distributed when EventStoreDB is configured', () => {
    expect(
      modeFor({ EVENTSTORE_CONNECTION_STRING: ESDB, FRM_DATABASE_URL: POSTGRES, FRM_KAFKA_BROKERS: KAFKA, FRM_REDIS_URL: REDIS }),
    ).toEqual({ kind: 'distributed', eventStoreConnectionString: ESDB, databaseUrl: POSTGRES, kafkaBrokers: [KAFKA], redisUrl: REDIS });
  });

  it('refuses a cluster without Kafka or Redis instead of falling back to embedded', () => {
    expect(problemsFor({ FRM_DATABASE_URL: POSTGRES })).toEqual([
      'FRM_KAFKA_BROKERS: missing; the local-cluster mode (FRM_DATABASE_URL is set) publishes events to Kafka; e.g. 127.0.0.1:9092',
      'FRM_REDIS_URL: missing; the local-cluster mode (FRM_DATABASE_URL is set) keeps caches and rate limits in Redis; e.g. redis://127.0.0.1:6379',
    ]);
  });

  it('refuses EventStoreDB without the Postgres of the read models', () => {
    expect(problemsFor({ EVENTSTORE_CONNECTION_STRING: ESDB, FRM_KAFKA_BROKERS: KAFKA, FRM_REDIS_URL: REDIS })).toEqual([
      'FRM_DATABASE_URL: missing; the read models of the distributed mode (EVENTSTORE_CONNECTION_STRING is set) live in Postgres; e.g. postgres://frm:frm@postgres:5432/frm',
    ]);
  });

  it('refuses Kafka or Redis that embedded mode would silently ignore', () => {
    const problems = problemsFor({ FRM_KAFKA_BROKERS: KAFKA, FRM_REDIS_URL: REDIS });

    expect(problems).toHaveLength(2);
    expect(problems[0]).toBe(
      'FRM_KAFKA_BROKERS: set, but without FRM_DATABASE_URL the services run embedded, which uses neither Kafka nor Redis; set FRM_DATABASE_URL too, or unset FRM_KAFKA_BROKERS',
    );
  });

  it('describes the mode without passwords', () => {
    const described = describeRunMode(
      modeFor({ EVENTSTORE_CONNECTION_STRING: ESDB, FRM_DATABASE_URL: POSTGRES, FRM_KAFKA_BROKERS: KAFKA, FRM_REDIS_URL: 'redis://:r3dis@cache:6379' }),
    );

    expect(described).toBe(
      'distributed: EventStoreDB esdb://admin:***@eventstore:2113?tls=false, read models in postgres://frm:***@127.0.0.1:5432/frm, Kafka 127.0.0.1:9092, Redis redis://:***@cache:6379',
    );
    expect(describeRunMode(modeFor({}))).toBe('embedded: PGlite under .data, no Kafka, no Redis');
  });
});
