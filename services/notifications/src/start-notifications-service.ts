import { randomBytes } from 'node:crypto';
import type { EventStore } from '@frm/event-store';
import type { Logger } from '@frm/logging';
import type { Registry } from '@frm/metrics';
import { startGrpcService } from '@frm/nest-grpc';
import type { PiiCipher } from '@frm/pii';
import type { SqlDatabase } from '@frm/postgres';
import type { DeliveryOptions } from './delivery/delivery-options';
import { NotificationsModule } from './notifications.module';

export interface NotificationsServiceOptions {
  /** Every RPC is timed and counted by code into it (`frm_rpc_*`); served by the caller's metrics listener. */
  readonly metricsRegistry?: Registry;
  /** Holds the read model; the caller closes it after the service. */
  readonly db: SqlDatabase;
  readonly logger: Logger;
  readonly openEventStore?: () => Promise<EventStore>;
  readonly eventStoreSchema?: string;
  readonly readModelSchema?: string;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 50054; 0 picks a free port. */
  readonly port?: number;
  /** Signs page tokens; a random key when absent. */
  readonly pageTokenSecret?: string;
  /** Decrypts requests' titles with their writers' keys from compliance; absent: shown as stored. */
  readonly personalData?: PiiCipher;
  /** How e-mail and webhooks go out; absent: deliveries are planned but not sent by this process. */
  readonly delivery?: DeliveryOptions;
}

export interface RunningNotificationsService {
  readonly address: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Starts the notifications gRPC service with its read model; resolves once it answers calls. */
export function startNotificationsService(options: NotificationsServiceOptions): Promise<RunningNotificationsService> {
  return startGrpcService({
    service: 'notifications',
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 50054,
    portSetting: 'FRM_NOTIFICATIONS_GRPC_PORT',
    metrics: options.metricsRegistry,
    // frm.internal.v1.NotificationLinkService too: the gateway's /unsubscribe page calls it.
    serveInternal: true,
    logger: options.logger,
    // Ready while its database answers: without it the service can neither read nor write.
    readinessProbe: () => options.db.query('select 1').then(() => undefined),
    module: NotificationsModule.register({
      db: options.db,
      logger: options.logger,
      openEventStore: options.openEventStore,
      eventStoreSchema: options.eventStoreSchema,
      readModelSchema: options.readModelSchema,
      pageTokenKey: options.pageTokenSecret ? Buffer.from(options.pageTokenSecret) : randomBytes(32),
      personalData: options.personalData,
      delivery: options.delivery,
    }),
  });
}
