import { idempotentProducerRetry, KafkaBroker, sharedKafkaBroker, testKafka, uniqueName, type TestKafka } from '../src';

async function readAll(kafka: TestKafka, topic: string, count: number): Promise<string[]> {
  const consumer = kafka.kafka.consumer({ groupId: uniqueName('restart'), maxWaitTimeInMs: 250 });
  const values: string[] = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          values.push(String(message.value));
          if (values.length === count) resolve();
        },
      });
    });
    return values;
  } finally {
    await consumer.disconnect();
  }
}

describe('restarting the broker', () => {
  let broker: KafkaBroker;
  let ownBroker: KafkaBroker | undefined;
  let kafka: TestKafka;

  beforeAll(async () => {
    // A broker from FRM_KAFKA_BROKERS belongs to someone else; restart one of our own instead.
    broker = sharedKafkaBroker() ?? (ownBroker = await KafkaBroker.start());
    kafka = await testKafka({ brokers: broker.brokers });
  }, 120_000);
  afterAll(async () => {
    await kafka?.cleanup();
    await ownBroker?.stop();
  });

  async function produce(topic: string, values: string[]): Promise<void> {
    const producer = kafka.kafka.producer({ idempotent: true, retry: idempotentProducerRetry });
    await producer.connect();
    try {
      await producer.send({ topic, acks: -1, messages: values.map((value) => ({ value })) });
    } finally {
      await producer.disconnect();
    }
  }

  it('keeps the messages acknowledged before a graceful restart, on the same address', async () => {
    const topic = await kafka.createTopic({ prefix: 'restart' });
    await produce(topic, ['before-1', 'before-2', 'before-3']);
    const pidBefore = broker.pid;

    await broker.restart();

    expect(broker.pid).toBeDefined();
    expect(broker.pid).not.toBe(pidBefore);
    await produce(topic, ['after-1']);
    expect(await readAll(kafka, topic, 4)).toEqual(['before-1', 'before-2', 'before-3', 'after-1']);
  }, 120_000);

  it('keeps the messages acknowledged before a crash (SIGKILL)', async () => {
    const topic = await kafka.createTopic({ prefix: 'crash' });
    await produce(topic, ['acked-1', 'acked-2']);

    await broker.kill();
    expect(broker.isRunning()).toBe(false);
    await broker.launch();

    expect(await readAll(kafka, topic, 2)).toEqual(['acked-1', 'acked-2']);
  }, 120_000);
});
