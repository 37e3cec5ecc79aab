import { DEFAULT_AUDIT_SCHEMA } from '@frm/audit';
import { withSchemaValidation, type EventStore } from '@frm/event-store';
import { loadEventSchemaRegistry } from '@frm/contracts';
import type { Logger } from '@frm/logging';
import { startGrpcService } from '@frm/nest-grpc';
import { withPiiProtection, type PiiCipher } from '@frm/pii';
import type { SqlDatabase } from '@frm/postgres';
import { dropAbandonedCopies, type ProjectionDefinition } from '@frm/projections';
import { SUBJECT_ERASURE } from '@frm/subject-keys-client';
import { DEFAULT_FREEZE_POLICY, systemClock, type Clock, type FreezePolicy } from '@frm/wedding-day-freeze';
import type { Registry } from '@frm/metrics';
import type { CacheStore } from '@frm/read-cache';
import { frmEventRoutes, KafkaBacklog, RELAY_CHECKPOINT_SCHEMA, RelayCheckpoints, type EventProducerOptions, type EventRoute } from '@frm/messaging';
import { registerArchiveMetrics } from '@frm/event-archive';
import { Backups, type BackupOptions } from './backups/backups';
import { DrOrchestratorModule } from './dr-orchestrator.module';
import { cleanUpAbandonedDrills } from './drill';
import { platformPersonalFields } from './projections/platform-personal-fields';
import { platformProjections } from './projections/platform-projections';
import { ProjectionCatalogue } from './projections/projection-catalogue';
import { registerPlatformLagMetrics } from './metrics/platform-lag.metrics';

export const DEFAULT_DR_ORCHESTRATOR_PORT = 50056;
export const DEFAULT_ABANDONED_COPY_AFTER_MS = 60_000;

export interface DrOrchestratorOptions {
  /** Holds the projections' live copies and the audit log; the caller closes it. */
  readonly db: SqlDatabase;
  readonly logger: Logger;
  /** Opens the event store (Storage.openEventStore); the orchestrator closes what it opens. */
  readonly openEventStore: () => Promise<EventStore>;
  /** Decrypts what the services decrypt, so a rebuilt copy reads as the live one; absent: events as stored. */
  readonly personalData?: PiiCipher;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 50056; 0 picks a free port. */
  readonly port?: number;
  /** Default every projection the platform's services define. */
  readonly projections?: readonly ProjectionDefinition[];
  /** A live schema other than `projection_<name>`, by projection name (tests). */
  readonly projectionSchemas?: Readonly<Record<string, string>>;
  readonly freezePolicy?: FreezePolicy;
  /** Where wedding-day rules read the time; tests pass a fixed one. */
  readonly clock?: Clock;
  /** The compliance service's audit log (default `audit`). */
  readonly auditSchema?: string;
  /** Ship backups of the event store there; absent: none are kept. */
  readonly backups?: BackupOptions;
  /** Receives the backup age gauges (frm_backup_*_age_seconds), the platform's lags (see registerPlatformLagMetrics) and the RPC metrics. */
  readonly metricsRegistry?: Registry;
  /** The Kafka RepublishEvents sends to; absent: RepublishEvents is FAILED_PRECONDITION. */
  readonly kafka?: EventProducerOptions;
  /** Default the platform's routes (topics by event family). */
  readonly routes?: readonly EventRoute[];
  /** A rebuild's copy not written for this long belongs to a dead process: dropped at start, taken over by the next rebuild (default 60 s). */
  readonly abandonedCopyAfterMs?: number;
  /** The services' read cache (their Redis, or the launcher's shared memory): a swap invalidates it. */
  readonly cacheStore?: CacheStore;
}

export interface RunningDrOrchestrator {
  readonly address: string;
  readonly port: number;
  /** Absent when no backups are kept. */
  readonly backups?: Backups;
  close(): Promise<void>;
}

/** Starts the DR orchestrator's gRPC service (frm.v1.RecoveryService); resolves once it answers calls. */
export async function startDrOrchestrator(options: DrOrchestratorOptions): Promise<RunningDrOrchestrator> {
  // Any store, the live one or a restored one, is read the way the services read theirs.
  const wrapEventStore = (store: EventStore): EventStore => {
    const validated = withSchemaValidation(store, loadEventSchemaRegistry());
    return options.personalData ? withPiiProtection(validated, options.personalData, platformPersonalFields(), SUBJECT_ERASURE) : validated;
  };
  const raw = await options.openEventStore();
  const eventStore = wrapEventStore(raw);
  // Drills a killed process left behind are dropped before anything else runs.
  const dropped = await cleanUpAbandonedDrills(options.db);
  if (dropped.length > 0) options.logger.warn({ schemas: dropped }, `dropped ${dropped.length} scratch schemas of restore drills that did not finish`);
  // So do the shadow copies of rebuilds whose process died: the live copies were never touched.
  const catalogue = new ProjectionCatalogue(options.projections ?? platformProjections(), options.projectionSchemas);
  for (const projection of catalogue.list()) {
    const abandoned = await dropAbandonedCopies(options.db, catalogue.liveSchemaOf(projection.name), options.abandonedCopyAfterMs);
    if (abandoned.length > 0) options.logger.warn({ projection: projection.name, schemas: abandoned }, `dropped the copies a stopped rebuild of ${projection.name} left behind`);
  }
  // Backups hold the events as stored: ciphertext stays ciphertext, and erasure still shreds it.
  const backups = options.backups ? new Backups(raw, options.backups, options.logger) : undefined;
  if (backups && options.metricsRegistry) registerArchiveMetrics(options.metricsRegistry, () => backups.ages());
  const kafkaBacklog = options.kafka && options.metricsRegistry ? new KafkaBacklog(options.kafka) : undefined;
  if (options.metricsRegistry) {
    registerPlatformLagMetrics(options.metricsRegistry, {
      db: options.db,
      // Positions and times only: nothing is decrypted.
      eventStore: raw,
      catalogue,
      relayCheckpoints: new RelayCheckpoints(options.db, RELAY_CHECKPOINT_SCHEMA),
      ...(kafkaBacklog ? { kafka: kafkaBacklog } : {}),
      logger: options.logger,
    });
  }
  try {
    const service = await startGrpcService({
      service: 'dr-orchestrator',
      host: options.host ?? '127.0.0.1',
      port: options.port ?? DEFAULT_DR_ORCHESTRATOR_PORT,
      portSetting: 'FRM_DR_GRPC_PORT',
      metrics: options.metricsRegistry,
      logger: options.logger,
      readinessProbe: () => options.db.query('select 1').then(() => undefined),
      module: DrOrchestratorModule.register({
        db: options.db,
        eventStore,
        rawEventStore: raw,
        wrapEventStore,
        routes: options.routes ?? frmEventRoutes,
        ...(options.kafka ? { kafka: options.kafka } : {}),
        logger: options.logger,
        catalogue,
        abandonedCopyAfterMs: options.abandonedCopyAfterMs ?? DEFAULT_ABANDONED_COPY_AFTER_MS,
        freezePolicy: options.freezePolicy ?? DEFAULT_FREEZE_POLICY,
        clock: options.clock ?? systemClock,
        auditSchema: options.auditSchema ?? DEFAULT_AUDIT_SCHEMA,
        ...(backups ? { backups } : {}),
        ...(options.cacheStore ? { cacheStore: options.cacheStore } : {}),
      }),
    });
    backups?.start();
    return {
      address: service.address,
      port: service.port,
      ...(backups ? { backups } : {}),
      async close() {
        try {
          await backups?.stop();
          await service.close();
          await kafkaBacklog?.close();
        } finally {
          await eventStore.close();
        }
      },
    };
  } catch (error) {
    await eventStore.close().catch(() => undefined);
    throw error;
  }
}
