import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import { kafkaProbeRetry } from './kafka-client-defaults';
import { KafkaUnavailableError } from './kafka-unavailable.error';
import { seconds, silentProgress, type ProgressReporter } from './progress';
import { parseHostPort, probeTcp } from './tcp-probe';

export interface WaitForKafkaOptions {
  brokers: readonly string[];
  timeoutMs: number;
  /** What the reader should do about a failure; appended to the error message. */
  hint: string;
  /** Says why the broker can no longer answer (e.g. its process exited), to stop waiting early. */
  exitReason?: () => string | undefined;
  progress?: ProgressReporter;
}

/**
 * Waits until a broker accepts connections and answers DescribeCluster with itself in the cluster.
 * Kafka clients connect only after the port accepts, so no client logs or burns retries on
 * "connection refused" while the JVM starts.
 */
export async function waitForKafka(options: WaitForKafkaOptions): Promise<void> {
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  const progress = options.progress ?? silentProgress;
  const address = options.brokers.join(',');
  let nextReport = started + 5_000;
  let lastReason = 'no answer';

  const giveUpIfHopeless = () => {
    const exitReason = options.exitReason?.();
    if (exitReason) throw new KafkaUnavailableError(`Kafka exited (${exitReason}) before answering on ${address}; ${options.hint}`);
    if (Date.now() >= deadline) {
      throw new KafkaUnavailableError(
        `Kafka did not answer on ${address} within ${Math.round(options.timeoutMs / 1000)} s (${lastReason}); ${options.hint}`,
      );
    }
    if (Date.now() >= nextReport) {
      progress(`still waiting for Kafka on ${address} (${seconds(Date.now() - started)})`);
      nextReport += 5_000;
    }
  };

  const { host, port } = parseHostPort(options.brokers[0] ?? '');
  for (;;) {
    giveUpIfHopeless();
    const refusal = await probeTcp(host, port, Math.min(1_000, Math.max(1, deadline - Date.now())));
    if (!refusal) break;
    lastReason = refusal;
    await sleep(150);
  }

  const kafka = new Kafka({
    clientId: 'frm-kafka-readiness',
    brokers: [...options.brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    requestTimeout: 5_000,
    retry: kafkaProbeRetry,
  });
  for (;;) {
    giveUpIfHopeless();
    const admin = kafka.admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      if (cluster.brokers.length > 0) return;
      lastReason = 'the cluster has no brokers yet';
    } catch (error) {
      lastReason = error instanceof Error ? error.message : String(error);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    await sleep(250);
  }
}
