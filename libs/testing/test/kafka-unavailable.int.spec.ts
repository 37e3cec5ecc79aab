import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { KafkaBroker, KafkaUnavailableError, testKafka } from '../src';
import { findFreePort } from '../src/kafka/free-port';
import { silentProgress } from '../src/kafka/progress';

describe('when Kafka does not answer', () => {
  it('testKafka fails with one line naming the address and how to get a broker', async () => {
    const address = `127.0.0.1:${await findFreePort()}`;
    const error = await testKafka({ brokers: [address], readyTimeoutMs: 1_000 }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(KafkaUnavailableError);
    const message = (error as Error).message;
    expect(message).toContain(`Kafka did not answer on ${address} within 1 s (ECONNREFUSED)`);
    expect(message).toContain('npm run kafka:start');
    expect(message).toContain('deploy/local/kafka/README.md');
    expect(message).not.toContain('\n');
  });

  it('a broker that exits while starting fails at once with one line naming its exit and log', async () => {
    const broker = await KafkaBroker.create({ javaOptions: ['-Xmx1k'], progress: silentProgress });
    try {
      const error = await broker.launch().catch((e: unknown) => e);

      expect(error).toBeInstanceOf(KafkaUnavailableError);
      const message = (error as Error).message;
      expect(message).toMatch(/^Kafka exited \(exit code 1: .+\) before answering on 127\.0\.0\.1:\d+; is Java 17 installed\?/);
      expect(message).toContain(`(broker log: ${broker.logFile})`);
      expect(message).not.toContain('\n');
      expect(existsSync(broker.logFile)).toBe(true);
    } finally {
      await rm(broker.runDir, { recursive: true, force: true });
    }
  });
});
