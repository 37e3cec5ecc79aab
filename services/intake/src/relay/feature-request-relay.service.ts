import { Inject, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { EventStore } from '@frm/event-store';
import type { Logger } from '@frm/logging';
import { ServiceRelay } from '@frm/messaging';
import type { SqlDatabase } from '@frm/postgres';
import { LOGGER, RAW_EVENT_STORE, READ_MODEL_DATABASE } from '../intake.tokens';
import { FEATURE_REQUEST_RELAY_NAME, RELAY_CHECKPOINT_SCHEMA, featureRequestRoutes, type IntakeRelayOptions } from './intake-relay.options';

export const INTAKE_RELAY_OPTIONS = Symbol('intake.relay-options');

/**
 * Publishes the feature-request streams to Kafka while the service runs. It starts before the gRPC
 * port opens, so a Kafka that does not answer stops start-up with one line instead of a service
 * whose events silently go nowhere; it stops before the event store closes.
 */
export class FeatureRequestRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly relay: ServiceRelay;

  constructor(
    @Inject(INTAKE_RELAY_OPTIONS) options: IntakeRelayOptions,
    // Kafka gets the events as stored: personal fields stay ciphertext on the topic.
    @Inject(RAW_EVENT_STORE) eventStore: EventStore,
    // The checkpoint lives in the Postgres of the read models, whichever store holds the events.
    @Inject(READ_MODEL_DATABASE) checkpointDb: SqlDatabase,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.relay = new ServiceRelay(
      {
        ...options,
        name: FEATURE_REQUEST_RELAY_NAME,
        routes: options.routes ?? featureRequestRoutes,
        eventStore,
        checkpointDb,
        checkpointSchema: RELAY_CHECKPOINT_SCHEMA,
        logger,
        kafka: { clientId: 'frm-intake', ...options.kafka },
      },
      'feature-request',
    );
  }

  onApplicationBootstrap(): Promise<void> {
    return this.relay.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.relay.stop();
  }
}
