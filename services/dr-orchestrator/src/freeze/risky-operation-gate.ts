import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { v5 as uuidv5 } from 'uuid';
import { AuditLogMissingError, PostgresAuditLog } from '@frm/audit';
import type { CallerContext } from '@frm/caller';
import { FailedPreconditionError } from '@frm/grpc-errors';
import type { Logger } from '@frm/logging';
import type { SqlDatabase } from '@frm/postgres';
import { guardRiskyOperation, type Clock, type FreezePolicy } from '@frm/wedding-day-freeze';
import { AUDIT_SCHEMA, CLOCK, DATABASE, FREEZE_POLICY, LOGGER } from '../dr-orchestrator.tokens';

// Fixed and random: the same call must name the same audit entry in every release.
const OVERRIDE_NAMESPACE = '2c6e9b14-7d3f-4a85-b0e1-5f8a3c7d9e26';

export interface RiskyOperationRequest {
  readonly operation: string;
  readonly target: { readonly type: string; readonly id: string };
  readonly caller: CallerContext;
  /** The caller's reason to go ahead on a frozen day; empty when not forcing. */
  readonly forceReason: string;
  /** The client's request id, so that a retried forced call is audited once; empty: a fresh entry. */
  readonly requestId: string;
}

/**
 * The one door for risky operations: open on ordinary days; on a wedding day (FRM_FREEZE_*)
 * closed with FAILED_PRECONDITION, unless an admin forces it with a reason, which is appended to
 * the audit log before anything happens — an override that cannot be audited is refused.
 */
@Injectable()
export class RiskyOperationGate {
  constructor(
    @Inject(FREEZE_POLICY) private readonly policy: FreezePolicy,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DATABASE) private readonly db: SqlDatabase,
    @Inject(AUDIT_SCHEMA) private readonly auditSchema: string,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Resolves with the override's audit entry id when a frozen day was forced, else `undefined`. */
  async admit(request: RiskyOperationRequest): Promise<string | undefined> {
    const entryId =
      request.requestId === '' ? randomUUID() : uuidv5(`${request.operation}\n${request.caller.subject}\n${request.requestId.toLowerCase()}`, OVERRIDE_NAMESPACE);
    const decision = guardRiskyOperation({
      operation: request.operation,
      target: request.target,
      at: this.clock(),
      policy: this.policy,
      entryId,
      ...(request.forceReason.trim() !== '' ? { override: { actorId: request.caller.subject, roles: request.caller.roles, reason: request.forceReason } } : {}),
    });
    if (!decision.frozen) return undefined;
    let auditLog: PostgresAuditLog;
    try {
      auditLog = await PostgresAuditLog.attach(this.db, { schema: this.auditSchema });
    } catch (error) {
      if (!(error instanceof AuditLogMissingError)) throw error;
      throw new FailedPreconditionError(
        `${request.operation} was forced on a frozen day, but there is no audit log in schema ${this.auditSchema} to record it; start the compliance service once, or wait until ${decision.rule.reopensOn}`,
      );
    }
    const { entry } = await auditLog.append(decision.audit);
    this.logger.warn(
      { operation: request.operation, target: request.target, actor: request.caller.subject, auditEntry: entry.entryId },
      `${request.operation} forced by an admin on a frozen day: ${decision.rule.description}`,
    );
    return entry.entryId;
  }
}
