import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { EventStore } from '@frm/event-store';
import { fraudDetectionConfigFrom, type FraudDetectionConfig } from '@frm/fraud-detection';
import type { Logger } from '@frm/logging';
import type { PiiCipher } from '@frm/pii';
import type { Registry } from '@frm/metrics';
import { startGrpcService } from '@frm/nest-grpc';
import type { CacheStore } from '@frm/read-cache';
import type { SqlDatabase } from '@frm/postgres';
import type { VotingRelayOptions } from './relay/vote-relay';
import { VoteVelocity, type VoteVelocityLimits } from './votes/signals/vote-velocity';
import { VotingModule } from './voting.module';

export interface VotingServiceOptions {
  /** Every RPC is timed and counted by code into it (`frm_rpc_*`); served by the caller's metrics listener. */
  readonly metricsRegistry?: Registry;
  /** Holds the read model; the caller closes it after the service. */
  readonly db: SqlDatabase;
  readonly logger: Logger;
  readonly openEventStore?: () => Promise<EventStore>;
  readonly eventStoreSchema?: string;
  readonly readModelSchema?: string;
  /** Schema of the processors' checkpoints (default `voting_processors`). */
  readonly processorSchema?: string;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 50052; 0 picks a free port. */
  readonly port?: number;
  /** Keys the hashes of client addresses and fingerprints; keep it stable, or detection forgets. */
  readonly signalHashKey: Buffer;
  /** Signs page tokens; a random key when absent. */
  readonly pageTokenSecret?: string;
  /** The velocity limits count on Redis when given (server modes), in memory otherwise. */
  readonly redis?: Redis;
  readonly velocityLimits?: Partial<VoteVelocityLimits>;
  readonly fraudConfig?: Partial<FraudDetectionConfig>;
  /** Also publish the vote streams to Kafka (see votingRelayFrom); none when absent. */
  readonly relay?: VotingRelayOptions;
  /** Encrypts the staff's review reasons with their keys from compliance; absent: stored as plaintext. */
  readonly personalData?: PiiCipher;
  /** Where tallies are cached across replicas (Redis); this process's memory when absent. */
  readonly cacheStore?: CacheStore;
}

export interface RunningVotingService {
  readonly address: string;
  readonly port: number;
  readonly velocity: VoteVelocity;
  close(): Promise<void>;
}

/** Starts the voting gRPC service with its read model and processors; resolves once it answers calls. */
export async function startVotingService(options: VotingServiceOptions): Promise<RunningVotingService> {
  const velocity = new VoteVelocity({ redis: options.redis, limits: options.velocityLimits, logger: options.logger });
  const service = await startGrpcService({
    service: 'voting',
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 50052,
    portSetting: 'FRM_VOTING_GRPC_PORT',
    metrics: options.metricsRegistry,
    logger: options.logger,
    // Ready while its database answers: without it the service can neither read nor write.
    readinessProbe: () => options.db.query('select 1').then(() => undefined),
    module: VotingModule.register({
      db: options.db,
      logger: options.logger,
      openEventStore: options.openEventStore,
      eventStoreSchema: options.eventStoreSchema,
      readModelSchema: options.readModelSchema,
      processorSchema: options.processorSchema,
      signalHashKey: options.signalHashKey,
      pageTokenKey: options.pageTokenSecret ? Buffer.from(options.pageTokenSecret) : randomBytes(32),
      velocity,
      fraudConfig: fraudDetectionConfigFrom(options.fraudConfig ?? {}),
      relay: options.relay,
      personalData: options.personalData,
      metricsRegistry: options.metricsRegistry,
      cacheStore: options.cacheStore,
    }),
  });
  return { ...service, velocity };
}
