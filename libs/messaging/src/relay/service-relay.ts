import type { Logger } from '@frm/logging';
import { waitForBroker } from '../kafka/wait-for-broker';
import { EventRelay, type EventRelayOptions } from './event-relay';

/**
 * A service's relay of its own event family to Kafka, for the length of the service's life. It
 * starts before the service takes calls, so a Kafka that does not answer stops start-up with the
 * one line of KafkaUnreachableError instead of a service whose events silently go nowhere; if it
 * stops by itself later, the log says what that means for the service's events.
 */
export class ServiceRelay {
  readonly relay: EventRelay;

  constructor(
    private readonly options: EventRelayOptions & { readonly logger: Logger },
    /** For the log: "feature-request", "vote". */
    private readonly family: string,
  ) {
    this.relay = new EventRelay(options);
  }

  async start(): Promise<void> {
    // Asked here first because the relay logs its own start failures with a stack trace.
    await waitForBroker({ brokers: this.options.kafka.brokers, timeoutMs: this.options.kafka.connectTimeoutMs });
    await this.relay.start();
    this.relay.done.catch(() =>
      this.options.logger.error(
        { relay: this.relay.name },
        `relay ${this.relay.name} has stopped; new ${this.family} events stay in the event store and reach Kafka ` +
          'once the service is restarted with the cause fixed',
      ),
    );
  }

  stop(): Promise<void> {
    return this.relay.stop();
  }
}
