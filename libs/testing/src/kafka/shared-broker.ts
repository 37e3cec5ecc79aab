import { KafkaBroker } from './kafka-broker';

export const sharedBrokerKey = Symbol.for('frm.testing.kafkaBroker');

/**
 * The broker that jest's global set-up started for this test run, for tests that restart or kill
 * it; `undefined` when the run uses a broker from FRM_KAFKA_BROKERS that it does not own.
 */
export function sharedKafkaBroker(): KafkaBroker | undefined {
  const runDir = process.env['FRM_KAFKA_RUN_DIR'];
  return runDir ? KafkaBroker.attach(runDir) : undefined;
}
