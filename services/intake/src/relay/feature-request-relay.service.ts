import { Inject, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { EventStore } from '@frm/event-store';
import type { Logger } from '@frm/logging';
import { EventRelay, waitForBroker } from '@frm/messaging';
import type { SqlDatabase } from '@frm/postgres';
import { EVENT_STORE, LOGGER, READ_MODEL_DATABASE } from '../intake.tokens';
import { FEATURE_REQUEST_RELAY_NAME, RELAY_CHECKPOINT_SCHEMA, featureRequestRoutes, type IntakeRelayOptions } from './intake-relay.options';

export const INTAKE_RELAY_OPTIONS = Symbol('intake.relay-options');

/**
 * Publishes the feature-request streams to Kafka while the service runs. It starts before the gRPC
 * port opens, so a Kafka that does not answer stops start-up with one line instead of a service
 * whose events silently go nowhere; it stops before the event store closes.
 */
export class FeatureRequestRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly relay: EventRelay;

  constructor(
    @Inject(INTAKE_RELAY_OPTIONS) private readonly options: IntakeRelayOptions,
    @Inject(EVENT_STORE) eventStore: EventStore,
    // The checkpoint lives in the Postgres of the read models, whichever store holds the events.
    @Inject(READ_MODEL_DATABASE) checkpointDb: SqlDatabase,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.relay = new EventRelay({
      ...options,
      name: FEATURE_REQUEST_RELAY_NAME,
      routes: options.routes ?? featureRequestRoutes,
      eventStore,
      checkpointDb,
      checkpointSchema: RELAY_CHECKPOINT_SCHEMA,
      logger,
      kafka: { clientId: 'frm-intake', ...options.kafka },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    // Asked here first because the relay logs its own start failures with a stack trace, and an
    // unreachable Kafka is a setup problem that deserves the one line main() prints.
    await waitForBroker({ brokers: this.options.kafka.brokers, timeoutMs: this.options.kafka.connectTimeoutMs });
    await this.relay.start();
    // The relay has logged the cause; what it means for the service is said here.
    this.relay.done.catch(() =>
      this.logger.error(
        { relay: this.relay.name },
        `relay ${this.relay.name} has stopped; new feature-request events stay in the event store and reach Kafka ` +
          'once the service is restarted with the cause fixed',
      ),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.relay.stop();
  }
}
