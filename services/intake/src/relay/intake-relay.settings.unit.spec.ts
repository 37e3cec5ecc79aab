import { InvalidSettingsError, loadSettings } from '@frm/config';
import { intakeSettings } from '../intake.settings';
import { intakeRelayFrom } from './intake-relay.settings';

describe('intakeRelayFrom', () => {
  const settingsOf = (env: Record<string, string>) => loadSettings(intakeSettings, env);

  it('runs no relay in the embedded mode', () => {
    expect(intakeRelayFrom(settingsOf({}))).toBeUndefined();
    expect(intakeRelayFrom(settingsOf({ FRM_DATABASE_URL: 'postgres://frm@127.0.0.1:5432/frm' }))).toBeUndefined();
  });

  it('relays to the brokers of FRM_KAFKA_BROKERS next to a server Postgres, without asking for Redis', () => {
    const relay = intakeRelayFrom(
      settingsOf({
        FRM_DATABASE_URL: 'postgres://frm@127.0.0.1:5432/frm',
        FRM_KAFKA_BROKERS: '127.0.0.1:9092,127.0.0.1:9093',
        FRM_KAFKA_CREATE_TOPICS: 'true',
        FRM_KAFKA_CONNECT_TIMEOUT: '5s',
      }),
    );
    expect(relay?.kafka).toMatchObject({ brokers: ['127.0.0.1:9092', '127.0.0.1:9093'], connectTimeoutMs: 5_000 });
    expect(relay?.createTopics).toEqual({ numPartitions: 6 });
  });

  it('refuses Kafka without a server Postgres, naming both variables', () => {
    const attempt = () => intakeRelayFrom(settingsOf({ FRM_KAFKA_BROKERS: '127.0.0.1:9092' }));
    expect(attempt).toThrow(InvalidSettingsError);
    expect(attempt).toThrow(/FRM_KAFKA_BROKERS.*FRM_DATABASE_URL/);
  });
});
