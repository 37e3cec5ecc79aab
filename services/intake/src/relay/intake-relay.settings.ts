import { InvalidSettingsError, type RunModeSettings } from '@frm/config';
import { relayOptionsFrom, type MessagingSettings } from '@frm/messaging';
import type { IntakeRelayOptions } from './intake-relay.options';

/**
 * Whether this process relays its events to Kafka, and how: exactly when FRM_KAFKA_BROKERS is set
 * (the local-cluster and distributed modes). Unlike `decideRunMode`, Redis is not required: intake
 * uses none, and refusing to start for a setting it never reads would only get in the way. A Kafka
 * without a server Postgres is refused as `decideRunMode` refuses it: the embedded PGlite belongs
 * to one process and has no relay, so the events would never reach the address given.
 * @throws InvalidSettingsError when FRM_KAFKA_BROKERS is set without FRM_DATABASE_URL
 */
export function intakeRelayFrom(
  settings: Pick<RunModeSettings, 'FRM_DATABASE_URL' | 'FRM_KAFKA_BROKERS'> & MessagingSettings,
): IntakeRelayOptions | undefined {
  const brokers = settings.FRM_KAFKA_BROKERS;
  if (brokers === undefined) return undefined;
  if (settings.FRM_DATABASE_URL === undefined) {
    throw new InvalidSettingsError([
      {
        name: 'FRM_KAFKA_BROKERS',
        message:
          'FRM_KAFKA_BROKERS: set, but without FRM_DATABASE_URL intake runs embedded on PGlite, which publishes nothing to Kafka; ' +
          'set FRM_DATABASE_URL too (e.g. postgres://frm:frm@127.0.0.1:5432/frm), or unset FRM_KAFKA_BROKERS',
      },
    ]);
  }
  return relayOptionsFrom({ ...settings, FRM_KAFKA_BROKERS: brokers });
}
