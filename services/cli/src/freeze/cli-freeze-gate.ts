import { randomUUID } from 'node:crypto';
import type { AuditEntryDraft } from '@frm/audit';
import { loadSettings } from '@frm/config';
import { ApplicationError } from '@frm/grpc-errors';
import { freezePolicyFrom, freezeSettings, guardRiskyOperation } from '@frm/wedding-day-freeze';
import { CliError } from '../cli-error';

/**
 * The wedding-day freeze for a risky `frm` command: nothing on an ordinary day; on a frozen day a
 * CliError naming the rule and `--force-reason`, or — forced by an operator, whoever reaches the
 * platform's database being one — the `admin_override` entry to append before acting.
 */
export function freezeGateOf(operation: string, target: AuditEntryDraft['target'], actorId: string, forceReason: string | undefined, at = new Date()): AuditEntryDraft | undefined {
  try {
    const decision = guardRiskyOperation({
      operation,
      target,
      at,
      policy: freezePolicyFrom(loadSettings(freezeSettings)),
      entryId: randomUUID(),
      ...(forceReason !== undefined ? { override: { actorId, roles: ['admin'], reason: forceReason } } : {}),
    });
    return decision.frozen ? decision.audit : undefined;
  } catch (error) {
    if (!(error instanceof ApplicationError)) throw error;
    throw new CliError(error.message.replace(/\(force_reason\)/, '(--force-reason "<why>")').replace(/^force_reason: /, '--force-reason: '));
  }
}
