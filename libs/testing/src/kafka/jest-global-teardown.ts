import type { KafkaBroker } from './kafka-broker';
import { sharedBrokerKey } from './shared-broker';

/** Stops the broker that the global set-up started; a broker given in FRM_KAFKA_BROKERS is left alone. */
export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as Record<symbol, unknown>;
  const broker = holder[sharedBrokerKey] as KafkaBroker | undefined;
  if (!broker) return;
  delete holder[sharedBrokerKey];
  delete process.env['FRM_KAFKA_BROKERS'];
  delete process.env['FRM_KAFKA_RUN_DIR'];
  await broker.stop();
}
