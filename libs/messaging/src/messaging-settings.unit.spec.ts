import { hostPortList, loadSettings } from '@frm/config';
import { messagingSettings, relayOptionsFrom } from './messaging-settings';

const schema = { ...messagingSettings, FRM_KAFKA_BROKERS: hostPortList() };

describe('messaging settings', () => {
  it('default to an uncompressed relay of 500-event batches that expects its topics to exist', () => {
    const settings = loadSettings(schema, { FRM_KAFKA_BROKERS: '127.0.0.1:9092' });
    expect(relayOptionsFrom(settings)).toEqual({
      kafka: { brokers: ['127.0.0.1:9092'], compression: 'none', connectTimeoutMs: 30_000 },
      batchSize: 500,
      createTopics: undefined,
    });
  });

  it('turn on topic creation, compression and other batch sizes', () => {
    const settings = loadSettings(schema, {
      FRM_KAFKA_BROKERS: '127.0.0.1:9092',
      FRM_KAFKA_COMPRESSION: 'gzip',
      FRM_KAFKA_CONNECT_TIMEOUT: '5s',
      FRM_KAFKA_CREATE_TOPICS: 'true',
      FRM_KAFKA_TOPIC_PARTITIONS: '12',
      FRM_RELAY_BATCH_SIZE: '1000',
    });
    expect(relayOptionsFrom(settings)).toEqual({
      kafka: { brokers: ['127.0.0.1:9092'], compression: 'gzip', connectTimeoutMs: 5_000 },
      batchSize: 1_000,
      createTopics: { numPartitions: 12 },
    });
  });

  it('name a wrong value and what would be right', () => {
    expect(() => loadSettings(schema, { FRM_KAFKA_BROKERS: '127.0.0.1:9092', FRM_KAFKA_COMPRESSION: 'zstd' })).toThrow(
      /FRM_KAFKA_COMPRESSION: expected one of none, gzip, got "zstd"/,
    );
  });
});
