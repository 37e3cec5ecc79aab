import { Module, type DynamicModule } from '@nestjs/common';
import type { EventStore } from '@frm/event-store';
import { serviceEventStoreProviders } from '@frm/nest-grpc';
import type { Logger } from '@frm/logging';
import type { Registry } from '@frm/metrics';
import { MemoryCacheStore, ReadCache, type CacheStore } from '@frm/read-cache';
import { withPiiProtection, type PiiCipher } from '@frm/pii';
import type { SqlDatabase } from '@frm/postgres';
import { SUBJECT_ERASURE } from '@frm/subject-keys-client';
import { DEFAULT_TREND_HALF_LIFE_MS } from '@frm/trend';
import { INTAKE_PERSONAL_FIELDS } from './feature-requests/event-codec/personal-fields';
import { featureRequestsProjection } from './feature-requests/read-model/feature-requests.projection';
import { EVENT_STORE, LIST_CACHE, LOGGER, PAGE_TOKEN_KEY, RAW_EVENT_STORE, READ_MODEL_DATABASE, READ_MODEL_SCHEMA, TREND_HALF_LIFE_MS } from './intake.tokens';

/** Board pages warmed after a start or a swapped-in rebuild: the most requested ones. */
const WARMED_PAGES = 20;
/** Board pages read again right after a change made them stale: the ones most read in the last seconds. */
const REFRESHED_PAGES = 12;

export interface IntakeInfrastructureOptions {
  /** Holds the event store and the read models; its owner opens and closes it. */
  readonly db: SqlDatabase;
  readonly logger: Logger;
  readonly pageTokenKey: Buffer;
  /** Opens the event store (Storage.openEventStore); absent: the tables in `eventStoreSchema` of `db`. */
  readonly openEventStore?: () => Promise<EventStore>;
  /** Schema of the event store's tables when `openEventStore` is absent (default `event_store`). */
  readonly eventStoreSchema?: string;
  /** Schema of the feature-request read model (default `projection_feature_requests`). */
  readonly readModelSchema?: string;
  /** Encrypts what people write with their own keys (compliance's key table); plaintext events without it. */
  readonly personalData?: PiiCipher;
  /** The trend's half-life (ms) of the `trending` sort, triage's too; default 7 days. */
  readonly trendHalfLifeMs?: number;
  /** Where board lists are cached (Redis in the server modes); this process's memory when absent. */
  readonly cacheStore?: CacheStore;
  /** Receives the cache's hit and miss counts. */
  readonly metricsRegistry?: Registry;
}

/** What the intake service is given from outside: the database, the logger and its keys. */
@Module({})
export class IntakeInfrastructureModule {
  static register(options: IntakeInfrastructureOptions): DynamicModule {
    return {
      module: IntakeInfrastructureModule,
      global: true,
      providers: [
        { provide: READ_MODEL_DATABASE, useValue: options.db },
        { provide: LOGGER, useValue: options.logger },
        { provide: PAGE_TOKEN_KEY, useValue: options.pageTokenKey },
        { provide: READ_MODEL_SCHEMA, useValue: options.readModelSchema ?? null },
        { provide: TREND_HALF_LIFE_MS, useValue: options.trendHalfLifeMs ?? DEFAULT_TREND_HALF_LIFE_MS },
        {
          provide: LIST_CACHE,
          useValue: new ReadCache({
            name: 'feature-request-lists',
            projection: featureRequestsProjection.name,
            store: options.cacheStore ?? new MemoryCacheStore(),
            logger: options.logger,
            metrics: options.metricsRegistry,
            warmCount: WARMED_PAGES,
            refreshCount: REFRESHED_PAGES,
          }),
        },
        ...serviceEventStoreProviders(RAW_EVENT_STORE, options),
        {
          provide: EVENT_STORE,
          inject: [RAW_EVENT_STORE],
          useFactory: (raw: EventStore) => (options.personalData ? withPiiProtection(raw, options.personalData, INTAKE_PERSONAL_FIELDS, SUBJECT_ERASURE) : raw),
        },
      ],
      exports: [READ_MODEL_DATABASE, READ_MODEL_SCHEMA, TREND_HALF_LIFE_MS, LIST_CACHE, LOGGER, PAGE_TOKEN_KEY, EVENT_STORE, RAW_EVENT_STORE],
    };
  }
}
