import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { EventStore } from '@frm/event-store';
import type { Logger } from '@frm/logging';
import { frmEventRoutes, RELAY_CHECKPOINT_SCHEMA, ServiceRelay, VOTES_TOPIC, type EventRelayOptions, type EventRoute } from '@frm/messaging';
import type { SqlDatabase } from '@frm/postgres';
import { LOGGER, RAW_EVENT_STORE, READ_MODEL_DATABASE } from '../voting.tokens';

/** What the voting process needs to publish its events to Kafka. */
export type VotingRelayOptions = Pick<EventRelayOptions, 'kafka' | 'batchSize' | 'createTopics' | 'retry'> & {
  readonly routes?: readonly EventRoute[];
};

export const VOTING_RELAY_OPTIONS = Symbol('voting.relay-options');
export const VOTE_RELAY_NAME = 'voting-votes';

/** Only voting's own family, keyed by feature request so a request's votes stay in order. */
export const voteRoutes: readonly EventRoute[] = frmEventRoutes.filter((route) => route.topic === VOTES_TOPIC);

/** Publishes the vote streams to `frm.votes.v1` while the service runs (server modes). */
@Injectable()
export class VoteRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly relay: ServiceRelay;

  constructor(
    @Inject(VOTING_RELAY_OPTIONS) options: VotingRelayOptions,
    // Undecrypted: what is encrypted in the store stays encrypted on Kafka.
    @Inject(RAW_EVENT_STORE) eventStore: EventStore,
    @Inject(READ_MODEL_DATABASE) checkpointDb: SqlDatabase,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.relay = new ServiceRelay(
      {
        ...options,
        name: VOTE_RELAY_NAME,
        routes: options.routes ?? voteRoutes,
        eventStore,
        checkpointDb,
        checkpointSchema: RELAY_CHECKPOINT_SCHEMA,
        logger,
        kafka: { clientId: 'frm-voting', ...options.kafka },
      },
      'vote',
    );
  }

  onApplicationBootstrap(): Promise<void> {
    return this.relay.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.relay.stop();
  }
}
