import { checkAuditDraft, InvalidAuditEntryError, MAX_REASON_LENGTH, type AuditEntryDraft } from '@frm/audit';
import { FailedPreconditionError, InvalidArgumentError, PermissionDeniedError } from '@frm/grpc-errors';
import { freezeRuleAt, type FreezeRule } from './freeze-calendar';
import type { FreezePolicy } from './freeze-policy';

/** An admin's decision to go ahead during a freeze, with the reason the audit log keeps. */
export interface FreezeOverride {
  readonly actorId: string;
  readonly roles: readonly string[];
  readonly reason: string;
}

export interface RiskyOperationCheck {
  /** What is about to happen, as an RPC or command names it: `RebuildProjection`, `frm keys rotate`. */
  readonly operation: string;
  /** What it acts on, for the audit entry: `{ type: 'projection', id: 'votes' }`. */
  readonly target: { readonly type: string; readonly id: string };
  readonly at: Date;
  readonly policy: FreezePolicy;
  readonly override?: FreezeOverride;
  /** The audit entry's id: derive it from the command's id so that a retry records it once. */
  readonly entryId: string;
}

export type FreezeDecision =
  | { readonly frozen: false }
  /** Frozen, and an admin forced it: append `audit` before going ahead. */
  | { readonly frozen: true; readonly rule: FreezeRule; readonly audit: Required<AuditEntryDraft> };

/** The name of the field a caller sets to force an operation, as the RPCs and the CLI name it. */
export const FORCE_REASON_FIELD = 'force_reason';

/**
 * Lets a risky operation go ahead unless the day is frozen (a Saturday, a blackout date), in which
 * case it is refused with FAILED_PRECONDITION naming the rule and the day it reopens — unless an
 * admin forces it with a reason, which becomes an `admin_override` audit entry. An override given
 * on a day that is not frozen is not needed and leaves no entry.
 */
export function guardRiskyOperation(check: RiskyOperationCheck): FreezeDecision {
  const rule = freezeRuleAt(check.at, check.policy);
  if (!rule) return { frozen: false };
  const { override } = check;
  if (!override) {
    throw new FailedPreconditionError(
      `${check.operation} is refused: ${rule.description}; risky operations wait until ${rule.reopensOn} (${rule.timeZone}), ` +
        `or an admin forces this one with a reason (${FORCE_REASON_FIELD}), which is audited`,
    );
  }
  if (!override.roles.includes('admin')) {
    throw new PermissionDeniedError(`only an admin may force ${check.operation} while ${rule.description}; the caller has ${override.roles.join(', ') || 'no role'}`);
  }
  if (override.reason.trim() === '') {
    throw new InvalidArgumentError(FORCE_REASON_FIELD, `must say why ${check.operation} cannot wait until ${rule.reopensOn}; the audit log keeps it`);
  }
  return { frozen: true, rule, audit: overrideAuditEntry(check, rule, override) };
}

function overrideAuditEntry(check: RiskyOperationCheck, rule: FreezeRule, override: FreezeOverride): Required<AuditEntryDraft> {
  const prefix = `${check.operation} forced on frozen ${rule.localDate} (${rule.kind}): `;
  const draft: AuditEntryDraft = {
    entryId: check.entryId,
    actorId: override.actorId,
    action: 'admin_override',
    target: check.target,
    reason: `${prefix}${override.reason.trim()}`.slice(0, MAX_REASON_LENGTH),
    detail: { frozenDay: rule.localDate, timeZone: rule.timeZone, rule: rule.kind },
  };
  try {
    return checkAuditDraft(draft);
  } catch (error) {
    if (!(error instanceof InvalidAuditEntryError)) throw error;
    const field = error.field === 'reason' ? FORCE_REASON_FIELD : error.field;
    throw new InvalidArgumentError(field, error.message.replace(/^audit entry \S+ /, ''));
  }
}
