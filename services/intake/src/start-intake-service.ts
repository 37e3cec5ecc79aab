import { randomBytes } from 'node:crypto';
import type { Logger } from '@frm/logging';
import type { Registry } from '@frm/metrics';
import { startGrpcService } from '@frm/nest-grpc';
import type { CacheStore } from '@frm/read-cache';
import type { EventStore } from '@frm/event-store';
import type { PiiCipher } from '@frm/pii';
import type { SqlDatabase } from '@frm/postgres';
import { IntakeModule } from './intake.module';
import type { IntakeRelayOptions } from './relay/intake-relay.options';

export interface IntakeServiceOptions {
  /** Every RPC is timed and counted by code into it (`frm_rpc_*`); served by the caller's metrics listener. */
  readonly metricsRegistry?: Registry;
  /** Holds the event store and the read models; the caller closes it after the service. */
  readonly db: SqlDatabase;
  readonly logger: Logger;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 50051; 0 picks a free port. */
  readonly port?: number;
  /** Signs page tokens; a random key when absent. */
  readonly pageTokenSecret?: string;
  /** Opens the event store (Storage.openEventStore); absent: the tables in `eventStoreSchema` of `db`. */
  readonly openEventStore?: () => Promise<EventStore>;
  /** Schema of the event store's tables when `openEventStore` is absent (default `event_store`). */
  readonly eventStoreSchema?: string;
  /** Schema of the feature-request read model (default `projection_feature_requests`). */
  readonly readModelSchema?: string;
  /** Also publish the feature-request streams to Kafka (see intakeRelayFrom); none when absent. */
  readonly relay?: IntakeRelayOptions;
  /**
   * Encrypts titles, descriptions, comments and reasons with their writer's key before they are
   * appended, so erasing the key erases them; without it they are stored as plaintext.
   */
  readonly personalData?: PiiCipher;
  /** The trend's half-life (ms) of the `trending` sort: FRM_TREND_HALF_LIFE, the one triage uses. Default 7 days. */
  readonly trendHalfLifeMs?: number;
  /** Where board lists are cached across replicas (Redis); this process's memory when absent. */
  readonly cacheStore?: CacheStore;
}

export interface RunningIntakeService {
  /** `host:port` it listens on. */
  readonly address: string;
  readonly port: number;
  /** Stops taking calls, lets the calls in hand finish, stops the relay and the projection. */
  close(): Promise<void>;
}

/**
 * Starts the intake gRPC service with its projection (and its relay, when given); resolves once it
 * answers calls. Rejects with KafkaUnreachableError or TopicMissingError before opening the port
 * when the relay cannot start, and with TrendHalfLifeMismatchError when the read model was built
 * with another trend half-life.
 */
export async function startIntakeService(options: IntakeServiceOptions): Promise<RunningIntakeService> {
  return startGrpcService({
    service: 'intake',
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 50051,
    portSetting: 'FRM_INTAKE_GRPC_PORT',
    metrics: options.metricsRegistry,
    logger: options.logger,
    // Ready while its database answers: without it the service can neither read nor write.
    readinessProbe: () => options.db.query('select 1').then(() => undefined),
    module: IntakeModule.register({
      db: options.db,
      logger: options.logger,
      pageTokenKey: options.pageTokenSecret ? Buffer.from(options.pageTokenSecret) : randomBytes(32),
      openEventStore: options.openEventStore,
      eventStoreSchema: options.eventStoreSchema,
      readModelSchema: options.readModelSchema,
      relay: options.relay,
      personalData: options.personalData,
      trendHalfLifeMs: options.trendHalfLifeMs,
      cacheStore: options.cacheStore,
      metricsRegistry: options.metricsRegistry,
    }),
  });
}
