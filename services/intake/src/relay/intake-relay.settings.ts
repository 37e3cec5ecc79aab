import type { RunModeSettings } from '@frm/config';
import { serviceRelayFrom, type MessagingSettings } from '@frm/messaging';
import type { IntakeRelayOptions } from './intake-relay.options';

/** Whether intake relays its events to Kafka, and how (see serviceRelayFrom). */
export function intakeRelayFrom(
  settings: Pick<RunModeSettings, 'FRM_DATABASE_URL' | 'FRM_KAFKA_BROKERS'> & MessagingSettings,
): IntakeRelayOptions | undefined {
  return serviceRelayFrom('intake', settings);
}
