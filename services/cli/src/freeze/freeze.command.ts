import { Command } from 'commander';
import { DEFAULT_AUDIT_SCHEMA } from '@frm/audit';
import { loadSettings } from '@frm/config';
import { freezePolicyFrom, freezeRuleAt, freezeSettings } from '@frm/wedding-day-freeze';
import { CliError } from '../cli-error';
import { openCliDatabase } from '../storage/cli-storage';
import { auditOverride } from './audit-override';
import { freezeGateOf } from './cli-freeze-gate';

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
  const entryId = await forceFrozenDay(options, at);
  process.stdout.write(
    options.json
      ? `${JSON.stringify({ frozen: true, forced: true, at: at.toISOString(), rule, auditEntryId: entryId })}\n`
      : `forced: ${options.operation} goes ahead although ${rule.description}; audit entry ${entryId}\n`,
  );
}

/** The override's audit entry (the gate that every risky `frm` command passes), appended to the platform's audit log. */
async function forceFrozenDay(options: CheckOptions, at: Date): Promise<string> {
  const target = { type: 'operation', id: options.operation.replace(/[^A-Za-z0-9._:/-]/g, '-') };
  const override = freezeGateOf(options.operation, target, options.actor as string, options.forceReason, at);
  if (!override) throw new CliError('the day is not frozen; nothing to force');
  const database = await openCliDatabase();
  try {
    return await auditOverride(database.db, options.auditSchema, override);
  } finally {
    await database.close();
  }
}
