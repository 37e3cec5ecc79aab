import { FEATURE_REQUESTS_TOPIC, frmEventRoutes, type EventRelayOptions, type EventRoute } from '@frm/messaging';

/** What the intake process needs to publish its events to Kafka: where Kafka is and how to send. */
export type IntakeRelayOptions = Pick<EventRelayOptions, 'kafka' | 'batchSize' | 'createTopics' | 'retry'> & {
  /** Default {@link featureRequestRoutes}; tests may rename the topic with `withTopics`. */
  readonly routes?: readonly EventRoute[];
};

/** Names the relay's checkpoint row: one relay of this name per event store. */
export const FEATURE_REQUEST_RELAY_NAME = 'intake-feature-requests';

/** Holds the `relay_checkpoints` table, next to the event store's own schema. */
export { RELAY_CHECKPOINT_SCHEMA } from '@frm/messaging';

/** Only intake's own family: other services relay the events they own. */
export const featureRequestRoutes: readonly EventRoute[] = frmEventRoutes.filter((route) => route.topic === FEATURE_REQUESTS_TOPIC);
