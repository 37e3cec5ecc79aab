import { randomUUID } from 'node:crypto';
import { Command } from 'commander';
import { AuditLogMissingError, checkAuditDraft, DEFAULT_AUDIT_SCHEMA, InvalidAuditEntryError, PostgresAuditLog, type AuditEntryDraft } from '@frm/audit';
import { CliError } from '../cli-error';
import type { SqlDatabase } from '@frm/postgres';
import { publishAuditHeadIfConfigured } from '../audit/audit-head';

/** Who rebuilds when `--actor` is not given: the tool itself, named as a service id. */
export const DEFAULT_REBUILD_ACTOR = 'svc:frm-cli';

export interface RebuildAuditOptions {
  actor: string;
  auditSchema: string;
}

export function withRebuildAuditOptions(command: Command): Command {
  return command
    .option('--actor <id>', "who rebuilds, for the audit log: your subject id (a token's sub) or a service id; never a name or e-mail", process.env['FRM_ACTOR'] ?? DEFAULT_REBUILD_ACTOR)
    .option('--audit-schema <schema>', "Postgres schema of the compliance service's audit log", DEFAULT_AUDIT_SCHEMA);
}

export interface RebuiltProjection {
  readonly projection: string;
  readonly version: number;
  readonly eventsApplied: number;
  readonly checksumBefore: string | null;
  readonly checksumAfter: string;
}

/** The `projection_rebuild` entry: which projection, its version, and whether its rows changed. */
export function rebuildAuditDraft(options: RebuildAuditOptions, rebuilt: RebuiltProjection): AuditEntryDraft {
  return {
    entryId: randomUUID(),
    actorId: options.actor,
    action: 'projection_rebuild',
    target: { type: 'projection', id: rebuilt.projection },
    reason: 'projection rebuilt from the first event and swapped in',
    detail: { version: rebuilt.version, eventsApplied: rebuilt.eventsApplied, rowsChanged: rebuilt.checksumBefore === rebuilt.checksumAfter ? 0 : 1 },
  };
}

/** Before the rebuild: an actor the audit log refuses would leave the rebuild unrecorded. */
export function assertAuditable(options: RebuildAuditOptions): void {
  try {
    checkAuditDraft(rebuildAuditDraft(options, { projection: 'check', version: 1, eventsApplied: 0, checksumBefore: null, checksumAfter: '' }));
  } catch (error) {
    if (!(error instanceof InvalidAuditEntryError)) throw error;
    throw new CliError(`--actor ${JSON.stringify(options.actor)} is not an id; give your subject id (a token's sub) or a service id such as svc:ops (no spaces or @): the audit log keeps ids only`);
  }
}

/**
 * Appends the rebuild to the audit log, a privileged act like any other. Where no audit log exists
 * (a database the compliance service has never run on), says so on stderr and goes on: the rebuild
 * itself has happened.
 * @returns a line naming the entry, or `undefined` when there is no audit log
 */
export async function auditRebuild(db: SqlDatabase, options: RebuildAuditOptions, rebuilt: RebuiltProjection): Promise<string | undefined> {
  let auditLog: PostgresAuditLog;
  try {
    auditLog = await PostgresAuditLog.attach(db, { schema: options.auditSchema });
  } catch (error) {
    if (!(error instanceof AuditLogMissingError)) throw error;
    process.stderr.write(`frm: warning: no audit log in schema ${options.auditSchema}, so the rebuild is not audited (start the compliance service once to create it)\n`);
    return undefined;
  }
  const { entry } = await auditLog.append(rebuildAuditDraft(options, rebuilt));
  await publishAuditHeadIfConfigured(auditLog);
  return `audit entry ${entry.sequence} of log "${entry.log}" (schema ${options.auditSchema}): projection_rebuild by ${entry.actorId}`;
}
