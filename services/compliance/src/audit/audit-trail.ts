import { Inject, Injectable, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { EventStore } from '@frm/event-store';
import type { Logger } from '@frm/logging';
import type { SqlDatabase } from '@frm/postgres';
import { ProjectionRunner } from '@frm/projections';
import { AUDIT_SCHEMA, AUDIT_TRAIL_SCHEMA, COMPLIANCE_AUDIT, COMPLIANCE_DATABASE, EVENT_STORE, LOGGER } from '../compliance.tokens';
import { auditTrailProjection } from './audit-trail.projection';
import type { ComplianceAudit } from './compliance-audit';

/** Keeps the audit log in step with the privileged acts recorded as events, while the service runs. */
@Injectable()
export class AuditTrail implements OnModuleInit, BeforeApplicationShutdown {
  readonly runner: ProjectionRunner;

  constructor(
    @Inject(EVENT_STORE) eventStore: EventStore,
    @Inject(COMPLIANCE_DATABASE) db: SqlDatabase,
    @Inject(LOGGER) logger: Logger,
    @Inject(AUDIT_SCHEMA) auditSchema: string,
    @Inject(COMPLIANCE_AUDIT) audit: ComplianceAudit,
    @Inject(AUDIT_TRAIL_SCHEMA) schema: string | null,
  ) {
    this.runner = new ProjectionRunner({ projection: auditTrailProjection(auditSchema, audit.log.log), eventStore, db, logger, schema: schema ?? undefined });
  }

  async onModuleInit(): Promise<void> {
    await this.runner.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }
}
