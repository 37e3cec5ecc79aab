import type { Consumer, Producer } from 'kafkajs';
import { idempotentProducerRetry, testKafka, uniqueName, type TestKafka } from '../src';

describe('Kafka round trip through the shared broker', () => {
  let kafka: TestKafka;
  let producer: Producer;
  let consumer: Consumer;

  beforeAll(async () => {
    kafka = await testKafka();
  });
  afterAll(async () => {
    await consumer?.disconnect();
    await producer?.disconnect();
    await kafka.cleanup();
  });

  it('gives a consumer group every message an idempotent producer sent, in order per key', async () => {
    const topic = await kafka.createTopic({ prefix: 'round-trip', partitions: 2 });
    producer = kafka.kafka.producer({ idempotent: true, retry: idempotentProducerRetry });
    await producer.connect();
    const sent = Array.from({ length: 20 }, (_, i) => ({ key: `request-${i % 3}`, value: `vote-${i}` }));
    for (const message of sent) await producer.send({ topic, acks: -1, messages: [message] });

    const received: { key: string; value: string }[] = [];
    const allReceived = new Promise<void>((resolve) => {
      consumer = kafka.kafka.consumer({ groupId: uniqueName('round-trip'), maxWaitTimeInMs: 250 });
      void consumer.connect().then(async () => {
        await consumer.subscribe({ topic, fromBeginning: true });
        await consumer.run({
          eachMessage: async ({ message }) => {
            received.push({ key: String(message.key), value: String(message.value) });
            if (received.length === sent.length) resolve();
          },
        });
      });
    });
    await allReceived;

    for (const key of ['request-0', 'request-1', 'request-2']) {
      expect(received.filter((m) => m.key === key)).toEqual(sent.filter((m) => m.key === key));
    }
  });

  it('gives every test file its own topics', async () => {
    const first = await kafka.createTopic();
    const second = await kafka.createTopic();
    expect(first).not.toBe(second);
    const admin = kafka.kafka.admin();
    await admin.connect();
    try {
      expect(await admin.listTopics()).toEqual(expect.arrayContaining([first, second]));
    } finally {
      await admin.disconnect();
    }
  });
});
