import { randomUUID } from 'node:crypto';
import { Command } from 'commander';
import { DEFAULT_AUDIT_SCHEMA } from '@frm/audit';
import { loadSettings } from '@frm/config';
import { ApplicationError } from '@frm/grpc-errors';
import { freezePolicyFrom, freezeRuleAt, freezeSettings, guardRiskyOperation } from '@frm/wedding-day-freeze';
import { CliError } from '../cli-error';
import { openCliDatabase } from '../storage/cli-storage';
import { auditOverride } from './audit-override';

/** What `frm freeze check` exits with on a frozen day, so that a pipeline step fails there. */
export const FROZEN_EXIT_CODE = 3;

interface CheckOptions {
  at?: string;
  operation: string;
  forceReason?: string;
  actor?: string;
  auditSchema: string;
  json?: boolean;
}

/** `frm freeze check`: may a risky operation (a deployment) go ahead now? deploy/check-freeze runs it. */
export function freezeCommand(): Command {
  return new Command('freeze').description('the wedding-day freeze (FRM_FREEZE_TIME_ZONE, FRM_FREEZE_WEEKDAYS, FRM_FREEZE_BLACKOUT_DATES)').addCommand(
    new Command('check')
      .description(`exit 0 when risky operations may go ahead, ${FROZEN_EXIT_CODE} on a frozen day (a Saturday, a blackout date), naming the rule`)
      .option('--at <time>', 'check this instant instead of now (ISO 8601, e.g. 2026-11-28T10:00:00Z)')
      .option('--operation <name>', 'what is about to happen, for the message and the audit log', 'deployment')
      .option('--force-reason <text>', "go ahead on a frozen day anyway: an operator's reason, appended to the audit log (needs --actor and the platform's database)")
      .option('--actor <id>', 'who forces it, for the audit log: your subject id or a service id')
      .option('--audit-schema <schema>', "Postgres schema of the compliance service's audit log", DEFAULT_AUDIT_SCHEMA)
      .option('--json', 'print the decision as JSON')
      .action(check),
  );
}

async function check(options: CheckOptions): Promise<void> {
  const policy = freezePolicyFrom(loadSettings(freezeSettings));
  const at = options.at === undefined ? new Date() : new Date(options.at);
  if (Number.isNaN(at.getTime())) throw new CliError(`--at "${options.at}" is not a time; give ISO 8601, e.g. 2026-11-28T10:00:00Z`);
  const rule = freezeRuleAt(at, policy);
  if (!rule) {
    process.stdout.write(options.json ? `${JSON.stringify({ frozen: false, at: at.toISOString() })}\n` : `open: ${options.operation} may go ahead (${policy.timeZone})\n`);
    return;
  }
  if (options.forceReason === undefined) {
    process.stdout.write(options.json ? `${JSON.stringify({ frozen: true, at: at.toISOString(), rule })}\n` : `frozen: ${options.operation} must wait: ${rule.description}; it reopens on ${rule.reopensOn}\n`);
    process.exitCode = FROZEN_EXIT_CODE;
    return;
  }
  if (!options.actor) throw new CliError('--force-reason needs --actor <your subject id>: the audit log records who forced it');
  const entryId = await forceFrozenDay(options, at, policy);
  process.stdout.write(
    options.json
      ? `${JSON.stringify({ frozen: true, forced: true, at: at.toISOString(), rule, auditEntryId: entryId })}\n`
      : `forced: ${options.operation} goes ahead although ${rule.description}; audit entry ${entryId}\n`,
  );
}

/** Whoever reaches the platform's database to run this is an operator: the override is an admin's. */
async function forceFrozenDay(options: CheckOptions, at: Date, policy: ReturnType<typeof freezePolicyFrom>): Promise<string> {
  let decision;
  try {
    decision = guardRiskyOperation({
      operation: options.operation,
      target: { type: 'operation', id: options.operation.replace(/[^A-Za-z0-9._:/-]/g, '-') },
      at,
      policy,
      entryId: randomUUID(),
      override: { actorId: options.actor as string, roles: ['admin'], reason: options.forceReason as string },
    });
  } catch (error) {
    if (error instanceof ApplicationError) throw new CliError(error.message.replace(/^force_reason: /, '--force-reason: '));
    throw error;
  }
  if (!decision.frozen) throw new CliError('the day is not frozen; nothing to force');
  const database = await openCliDatabase();
  try {
    return await auditOverride(database.db, options.auditSchema, decision.audit);
  } finally {
    await database.close();
  }
}
