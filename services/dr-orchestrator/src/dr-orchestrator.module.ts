import { Module, type DynamicModule } from '@nestjs/common';
import { RpcAccessGuard } from '@frm/access';
import type { EventStore } from '@frm/event-store';
import type { Logger } from '@frm/logging';
import type { SqlDatabase } from '@frm/postgres';
import type { CacheStore } from '@frm/read-cache';
import type { Clock, FreezePolicy } from '@frm/wedding-day-freeze';
import type { Backups } from './backups/backups';
import { ListBackupsHandler } from './backups/list-backups.handler';
import type { EventProducerOptions, EventRoute } from '@frm/messaging';
import { RunRestoreDrillHandler } from './drill/run-restore-drill.handler';
import { ABANDONED_COPY_AFTER_MS, AUDIT_SCHEMA, BACKUPS, CACHE_STORE, CLOCK, DATABASE, EVENT_STORE, EVENT_STORE_WRAPPER, FREEZE_POLICY, LOGGER, RAW_EVENT_STORE, REPUBLISH_KAFKA, REPUBLISH_ROUTES } from './dr-orchestrator.tokens';
import { RepublishEventsHandler } from './republish/republish-events.handler';
import { RiskyOperationGate } from './freeze/risky-operation-gate';
import { ListProjectionsHandler } from './projections/list-projections.handler';
import { ProjectionBuilds } from './projections/projection-builds';
import { ProjectionCatalogue } from './projections/projection-catalogue';
import { RebuildProjectionHandler } from './projections/rebuild-projection.handler';
import { VerifyProjectionHandler } from './projections/verify-projection.handler';
import { RecoveryController } from './recovery.controller';

export interface DrOrchestratorModuleOptions {
  readonly db: SqlDatabase;
  /** As the services read it (decrypting what they decrypt); its owner closes it. */
  readonly eventStore: EventStore;
  /** As stored: what backups and Kafka carry. */
  readonly rawEventStore: EventStore;
  /** Wraps another raw store (a restored one) as `eventStore` is wrapped, so both read alike. */
  readonly wrapEventStore: (raw: EventStore) => EventStore;
  /** Where RepublishEvents sends; absent: it is FAILED_PRECONDITION. */
  readonly kafka?: EventProducerOptions;
  readonly routes: readonly EventRoute[];
  readonly logger: Logger;
  readonly catalogue: ProjectionCatalogue;
  readonly abandonedCopyAfterMs: number;
  readonly freezePolicy: FreezePolicy;
  readonly clock: Clock;
  readonly auditSchema: string;
  /** Absent: this orchestrator keeps no backups. */
  readonly backups?: Backups;
  /** The services' read cache (their Redis): a swapped-in copy makes its answers stale there. */
  readonly cacheStore?: CacheStore;
}

/** The DR orchestrator: projection status, verified rebuilds and verification over gRPC, behind the wedding-day gate. */
@Module({})
export class DrOrchestratorModule {
  static register(options: DrOrchestratorModuleOptions): DynamicModule {
    return {
      module: DrOrchestratorModule,
      controllers: [RecoveryController],
      providers: [
        { provide: DATABASE, useValue: options.db },
        { provide: EVENT_STORE, useValue: options.eventStore },
        { provide: RAW_EVENT_STORE, useValue: options.rawEventStore },
        { provide: EVENT_STORE_WRAPPER, useValue: options.wrapEventStore },
        RunRestoreDrillHandler,
        { provide: REPUBLISH_ROUTES, useValue: options.routes },
        ...(options.kafka ? [{ provide: REPUBLISH_KAFKA, useValue: options.kafka }] : []),
        RepublishEventsHandler,
        { provide: LOGGER, useValue: options.logger },
        { provide: FREEZE_POLICY, useValue: options.freezePolicy },
        { provide: CLOCK, useValue: options.clock },
        { provide: AUDIT_SCHEMA, useValue: options.auditSchema },
        { provide: ABANDONED_COPY_AFTER_MS, useValue: options.abandonedCopyAfterMs },
        { provide: ProjectionCatalogue, useValue: options.catalogue },
        ...(options.backups ? [{ provide: BACKUPS, useValue: options.backups }] : []),
        ...(options.cacheStore ? [{ provide: CACHE_STORE, useValue: options.cacheStore }] : []),
        ListBackupsHandler,
        RpcAccessGuard,
        RiskyOperationGate,
        ProjectionBuilds,
        ListProjectionsHandler,
        RebuildProjectionHandler,
        VerifyProjectionHandler,
      ],
    };
  }
}
