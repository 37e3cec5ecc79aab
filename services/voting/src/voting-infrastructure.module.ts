import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { loadEventSchemaRegistry } from '@frm/contracts';
import { openPostgresEventStore, withSchemaValidation, type EventStore } from '@frm/event-store';
import type { FraudDetectionConfig } from '@frm/fraud-detection';
import type { Logger } from '@frm/logging';
import type { SqlDatabase } from '@frm/postgres';
import type { VoteVelocity } from './votes/signals/vote-velocity';
import { EVENT_STORE, FRAUD_CONFIG, LOGGER, PAGE_TOKEN_KEY, PROCESSOR_SCHEMA, READ_MODEL_DATABASE, READ_MODEL_SCHEMA, SIGNAL_HASH_KEY, VOTE_VELOCITY } from './voting.tokens';

export interface VotingInfrastructureOptions {
  /** Holds the read model and the processors' checkpoints; its owner opens and closes it. */
  readonly db: SqlDatabase;
  readonly logger: Logger;
  /** Opens the event store (Storage.openEventStore); absent: the tables in `eventStoreSchema` of `db`. */
  readonly openEventStore?: () => Promise<EventStore>;
  readonly eventStoreSchema?: string;
  readonly readModelSchema?: string;
  /** Schema of the processors' checkpoints (default `voting_processors`). */
  readonly processorSchema?: string;
  readonly signalHashKey: Buffer;
  readonly pageTokenKey: Buffer;
  readonly velocity: VoteVelocity;
  readonly fraudConfig: FraudDetectionConfig;
}

class EventStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  // After every module's own shutdown hooks (the projection and the processors stop in those).
  async onApplicationShutdown(): Promise<void> {
    await this.eventStore.close();
  }
}

/** What the voting service is given from outside: the database, the event store, its keys and limits. */
@Module({})
export class VotingInfrastructureModule {
  static register(options: VotingInfrastructureOptions): DynamicModule {
    return {
      module: VotingInfrastructureModule,
      global: true,
      providers: [
        { provide: READ_MODEL_DATABASE, useValue: options.db },
        { provide: LOGGER, useValue: options.logger },
        { provide: READ_MODEL_SCHEMA, useValue: options.readModelSchema ?? null },
        { provide: PROCESSOR_SCHEMA, useValue: options.processorSchema ?? 'voting_processors' },
        { provide: SIGNAL_HASH_KEY, useValue: options.signalHashKey },
        { provide: PAGE_TOKEN_KEY, useValue: options.pageTokenKey },
        { provide: VOTE_VELOCITY, useValue: options.velocity },
        { provide: FRAUD_CONFIG, useValue: options.fraudConfig },
        {
          provide: EVENT_STORE,
          useFactory: async () =>
            withSchemaValidation(
              await (options.openEventStore
                ? options.openEventStore()
                : openPostgresEventStore(options.db, { schema: options.eventStoreSchema ?? 'event_store' })),
              loadEventSchemaRegistry(),
            ),
        },
        EventStoreCloser,
      ],
      exports: [READ_MODEL_DATABASE, READ_MODEL_SCHEMA, PROCESSOR_SCHEMA, LOGGER, SIGNAL_HASH_KEY, PAGE_TOKEN_KEY, VOTE_VELOCITY, FRAUD_CONFIG, EVENT_STORE],
    };
  }
}
