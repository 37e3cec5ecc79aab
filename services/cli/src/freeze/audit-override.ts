import { AuditLogMissingError, PostgresAuditLog, type AuditEntryDraft } from '@frm/audit';
import type { SqlDatabase } from '@frm/postgres';
import { CliError } from '../cli-error';

/** Records a forced operation before it runs: an override that cannot be audited does not happen. */
export async function auditOverride(db: SqlDatabase, auditSchema: string, override: AuditEntryDraft): Promise<string> {
  let auditLog: PostgresAuditLog;
  try {
    auditLog = await PostgresAuditLog.attach(db, { schema: auditSchema });
  } catch (error) {
    if (!(error instanceof AuditLogMissingError)) throw error;
    throw new CliError(`the override cannot be recorded: there is no audit log in schema ${auditSchema} (start the compliance service once); nothing was done`);
  }
  return (await auditLog.append(override)).entry.entryId;
}
