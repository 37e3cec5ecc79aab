import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import { KafkaUnreachableError } from './kafka-unreachable.error';
import './kafkajs-idle-loop-fix';

export interface WaitForBrokerOptions {
  readonly brokers: readonly string[];
  /** Default 30 s. */
  readonly timeoutMs?: number;
}

/**
 * Resolves once a broker answers a DescribeCluster, or throws {@link KafkaUnreachableError} when
 * none did in time. A throw-away client without retries or logging does the asking, so that a
 * broker still starting costs no retry budget and no "connection refused" log lines.
 */
export async function waitForBroker(options: WaitForBrokerOptions): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  const kafka = new Kafka({
    clientId: 'frm-broker-check',
    brokers: [...options.brokers],
    connectionTimeout: 1_000,
    requestTimeout: 5_000,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  });
  let lastError: unknown;
  do {
    const admin = kafka.admin();
    try {
      await admin.connect();
      if ((await admin.describeCluster()).brokers.length > 0) return;
      lastError = new Error('the cluster has no brokers yet');
    } catch (error) {
      lastError = error;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    await sleep(Math.min(250, Math.max(0, deadline - Date.now())));
  } while (Date.now() < deadline);
  throw new KafkaUnreachableError(options.brokers, timeoutMs, reasonOf(lastError), lastError);
}

/** The system error code (ECONNREFUSED…) when there is one: it says more than kafkajs's wrapping. */
function reasonOf(error: unknown): string {
  for (let current = error; current; current = (current as { cause?: unknown }).cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('E')) return code;
    const found = /\b(E[A-Z]{3,})\b/.exec((current as Error).message ?? '');
    if (found) return found[1] as string;
  }
  return error instanceof Error ? error.message : String(error);
}
