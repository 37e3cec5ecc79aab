import { KafkaBroker } from './kafka-broker';
import { stderrProgress } from './progress';
import { sharedBrokerKey } from './shared-broker';

/**
 * Gives the test run one Kafka broker: the one named by FRM_KAFKA_BROKERS, or a new one whose
 * address it puts in FRM_KAFKA_BROKERS (and its run directory in FRM_KAFKA_RUN_DIR) for the
 * test workers, which inherit this process's environment.
 */
export default async function globalSetup(): Promise<void> {
  const given = process.env['FRM_KAFKA_BROKERS'];
  if (given) {
    stderrProgress(`using the Kafka broker in FRM_KAFKA_BROKERS (${given})`);
    return;
  }
  const broker = await KafkaBroker.start();
  process.env['FRM_KAFKA_BROKERS'] = broker.bootstrap;
  process.env['FRM_KAFKA_RUN_DIR'] = broker.runDir;
  // jest runs the teardown in this same process and lets it read what the set-up left on globalThis.
  (globalThis as Record<symbol, unknown>)[sharedBrokerKey] = broker;
}
