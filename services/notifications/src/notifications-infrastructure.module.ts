import { Module, type DynamicModule } from '@nestjs/common';
import type { EventStore } from '@frm/event-store';
import type { Logger } from '@frm/logging';
import { serviceEventStoreProviders } from '@frm/nest-grpc';
import { withPiiProtection, type PiiCipher } from '@frm/pii';
import type { SqlDatabase } from '@frm/postgres';
import { SUBJECT_ERASURE } from '@frm/subject-keys-client';
import { NOTIFICATIONS_PERSONAL_FIELDS } from './inbox/personal-fields';
import type { DeliveryOptions } from './delivery/delivery-options';
import { DELIVERY, EVENT_STORE, LOGGER, PAGE_TOKEN_KEY, READ_MODEL_DATABASE, READ_MODEL_SCHEMA, WEBHOOK_URL_POLICY } from './notifications.tokens';

const UNDECRYPTED_EVENT_STORE = Symbol('notifications.undecrypted-event-store');

export interface NotificationsInfrastructureOptions {
  /** Holds the read model; its owner opens and closes it. */
  readonly db: SqlDatabase;
  readonly logger: Logger;
  /** Opens the event store (Storage.openEventStore); absent: the tables in `eventStoreSchema` of `db`. */
  readonly openEventStore?: () => Promise<EventStore>;
  readonly eventStoreSchema?: string;
  readonly readModelSchema?: string;
  readonly pageTokenKey: Buffer;
  /** Decrypts the requests' titles and encrypts wedding dates with their people's keys; absent: stored and shown as they are. */
  readonly personalData?: PiiCipher;
  /** How e-mail and webhooks go out; absent: this process plans deliveries but sends nothing. */
  readonly delivery?: DeliveryOptions;
}

/** What the notifications service is given from outside: the database, the event store, its keys. */
@Module({})
export class NotificationsInfrastructureModule {
  static register(options: NotificationsInfrastructureOptions): DynamicModule {
    return {
      module: NotificationsInfrastructureModule,
      global: true,
      providers: [
        { provide: READ_MODEL_DATABASE, useValue: options.db },
        { provide: LOGGER, useValue: options.logger },
        { provide: READ_MODEL_SCHEMA, useValue: options.readModelSchema ?? null },
        { provide: PAGE_TOKEN_KEY, useValue: options.pageTokenKey },
        { provide: DELIVERY, useValue: options.delivery ?? null },
        { provide: WEBHOOK_URL_POLICY, useValue: { allowPrivate: options.delivery?.allowPrivateWebhooks ?? false } },
        ...serviceEventStoreProviders(UNDECRYPTED_EVENT_STORE, options),
        {
          provide: EVENT_STORE,
          inject: [UNDECRYPTED_EVENT_STORE],
          useFactory: (raw: EventStore) => (options.personalData ? withPiiProtection(raw, options.personalData, NOTIFICATIONS_PERSONAL_FIELDS, SUBJECT_ERASURE) : raw),
        },
      ],
      exports: [READ_MODEL_DATABASE, READ_MODEL_SCHEMA, LOGGER, PAGE_TOKEN_KEY, EVENT_STORE, DELIVERY, WEBHOOK_URL_POLICY],
    };
  }
}
