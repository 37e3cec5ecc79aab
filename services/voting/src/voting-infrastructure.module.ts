import { Module, type DynamicModule } from '@nestjs/common';
import type { EventStore } from '@frm/event-store';
import { serviceEventStoreProviders } from '@frm/nest-grpc';
import type { FraudDetectionConfig } from '@frm/fraud-detection';
import type { Logger } from '@frm/logging';
import type { Registry } from '@frm/metrics';
import { MemoryCacheStore, ReadCache, type CacheStore } from '@frm/read-cache';
import { withPiiProtection, type PiiCipher } from '@frm/pii';
import type { SqlDatabase } from '@frm/postgres';
import { SUBJECT_ERASURE } from '@frm/subject-keys-client';
import { VOTING_PERSONAL_FIELDS } from './votes/event-codec/personal-fields';
import { votesProjection } from './votes/read-model/votes.projection';
import type { VoteVelocity } from './votes/signals/vote-velocity';
import { FraudMetrics } from './metrics/fraud.metrics';
import { EVENT_STORE, RAW_EVENT_STORE, FRAUD_CONFIG, FRAUD_METRICS, TALLY_CACHE, LOGGER, PAGE_TOKEN_KEY, PROCESSOR_SCHEMA, READ_MODEL_DATABASE, READ_MODEL_SCHEMA, SIGNAL_HASH_KEY, VOTE_VELOCITY } from './voting.tokens';

/** A tally read within the last 30 to 60 s is read again as soon as a vote moves it (a request's page reads its tally every few seconds). */
const TALLY_READ_LATELY_MS = 30_000;

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
  /** Encrypts the staff's review reasons with their keys; absent: stored as plaintext. */
  readonly personalData?: PiiCipher;
  /** Receives the vote and fraud-flag counters; absent: they are kept where nobody reads them. */
  readonly metricsRegistry?: Registry;
  /** Where tallies are cached across replicas (Redis); this process's memory when absent. */
  readonly cacheStore?: CacheStore;
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
        { provide: FRAUD_METRICS, useValue: new FraudMetrics(options.metricsRegistry) },
        {
          provide: TALLY_CACHE,
          useValue: new ReadCache({
            name: 'tallies',
            projection: votesProjection.name,
            store: options.cacheStore ?? new MemoryCacheStore(),
            logger: options.logger,
            metrics: options.metricsRegistry,
            recentWindowMs: TALLY_READ_LATELY_MS,
          }),
        },
        ...serviceEventStoreProviders(RAW_EVENT_STORE, options),
        {
          provide: EVENT_STORE,
          inject: [RAW_EVENT_STORE],
          useFactory: (raw: EventStore) => (options.personalData ? withPiiProtection(raw, options.personalData, VOTING_PERSONAL_FIELDS, SUBJECT_ERASURE) : raw),
        },
      ],
      exports: [READ_MODEL_DATABASE, READ_MODEL_SCHEMA, PROCESSOR_SCHEMA, LOGGER, SIGNAL_HASH_KEY, PAGE_TOKEN_KEY, VOTE_VELOCITY, FRAUD_CONFIG, FRAUD_METRICS, TALLY_CACHE, EVENT_STORE, RAW_EVENT_STORE],
    };
  }
}
