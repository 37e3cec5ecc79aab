import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { KafkaUnavailableError } from './kafka-unavailable.error';

// Without it each test's first consumer or idempotent producer waits for a fresh (or restarted)
// broker to create and load its coordinators, while kafkajs logs "The group coordinator is not
// available" / "The coordinator is loading" as errors.
export async function warmUpCoordinators(brokers: readonly string[], hint: string): Promise<void> {
  const kafka = new Kafka({
    clientId: 'frm-kafka-warm-up',
    brokers: [...brokers],
    logLevel: logLevel.NOTHING,
    retry: { retries: 40, initialRetryTime: 100, maxRetryTime: 500, multiplier: 1.5, factor: 0.2 },
  });
  const admin = kafka.admin();
  const producer = kafka.producer({
    idempotent: true,
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: { retries: 40 },
  });
  try {
    await admin.connect();
    await admin.describeGroups(['frm-warm-up']);
    await producer.connect();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new KafkaUnavailableError(
      `Kafka answered on ${brokers.join(',')} but its group or transaction coordinator did not come up (${reason}); ${hint}`,
      error,
    );
  } finally {
    await producer.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
}
