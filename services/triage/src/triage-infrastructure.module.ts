import { Module, type DynamicModule } from '@nestjs/common';
import type { EventStore } from '@frm/event-store';
import type { Logger } from '@frm/logging';
import { serviceEventStoreProviders } from '@frm/nest-grpc';
import { withPiiProtection, type PiiCipher } from '@frm/pii';
import type { SqlDatabase } from '@frm/postgres';
import { SUBJECT_ERASURE } from '@frm/subject-keys-client';
import type { TextModel } from './embeddings/text-model';
import { TRIAGE_PERSONAL_FIELDS } from './read-model/personal-fields';
import { READ_MODEL_HANDLE, type ReadModelHandle } from './read-model/read-model-handle';
import type { TriageConfig } from './triage.config';
import { EVENT_STORE, LOGGER, PAGE_TOKEN_KEY, READ_MODEL_DATABASE, TEXT_MODEL, TRIAGE_CONFIG } from './triage.tokens';

const UNDECRYPTED_EVENT_STORE = Symbol('triage.undecrypted-event-store');

export interface TriageInfrastructureOptions {
  /** Holds the read model; its owner opens and closes it. */
  readonly db: SqlDatabase;
  readonly logger: Logger;
  /** Opens the event store (Storage.openEventStore); absent: the tables in `eventStoreSchema` of `db`. */
  readonly openEventStore?: () => Promise<EventStore>;
  readonly eventStoreSchema?: string;
  readonly config: TriageConfig;
  readonly textModel: TextModel;
  readonly pageTokenKey: Buffer;
  /** Decrypts requests' texts with their writers' keys; absent: read as stored. */
  readonly personalData?: PiiCipher;
  /** Receives the read model once made. */
  readonly handle?: ReadModelHandle;
}

/** What the triage service is given from outside: the database, the event store, the text model, its keys. */
@Module({})
export class TriageInfrastructureModule {
  static register(options: TriageInfrastructureOptions): DynamicModule {
    return {
      module: TriageInfrastructureModule,
      global: true,
      providers: [
        { provide: READ_MODEL_DATABASE, useValue: options.db },
        { provide: LOGGER, useValue: options.logger },
        { provide: TRIAGE_CONFIG, useValue: options.config },
        { provide: TEXT_MODEL, useValue: options.textModel },
        { provide: PAGE_TOKEN_KEY, useValue: options.pageTokenKey },
        { provide: READ_MODEL_HANDLE, useValue: options.handle ?? {} },
        ...serviceEventStoreProviders(UNDECRYPTED_EVENT_STORE, options),
        {
          provide: EVENT_STORE,
          inject: [UNDECRYPTED_EVENT_STORE],
          useFactory: (raw: EventStore) => (options.personalData ? withPiiProtection(raw, options.personalData, TRIAGE_PERSONAL_FIELDS, SUBJECT_ERASURE) : raw),
        },
      ],
      exports: [READ_MODEL_DATABASE, LOGGER, TRIAGE_CONFIG, TEXT_MODEL, PAGE_TOKEN_KEY, READ_MODEL_HANDLE, EVENT_STORE],
    };
  }
}
