import { randomUUID } from 'node:crypto';
import { Command, InvalidArgumentError } from 'commander';
import {
  checkAuditDraft,
  DEFAULT_AUDIT_SCHEMA,
  InvalidAuditEntryError,
  PostgresAuditLog,
  type AuditEntry,
  type AuditEntryDraft,
} from '@frm/audit';
import { rotateMasterKey, type LocalMasterKeys, type RotationResult, type SubjectKeyStore } from '@frm/pii';
import { cancelOnInterrupt } from '../cancel-on-interrupt';
import { CliError, INTERRUPTED_EXIT_CODE } from '../cli-error';
import { openCliDatabase } from '../storage/cli-storage';
import { freezeGateOf } from '../freeze/cli-freeze-gate';
import { publishAuditHeadIfConfigured } from '../audit/audit-head';
import { openCliMasterKeys } from './cli-master-keys';
import { openKeyTable, withKeySchemaOption } from './key-table';
import { unconfiguredVersions, unconfiguredVersionsMessage } from './master-key-versions';
import { rotationAuditDraft } from './rotation-audit-draft';
import { RotationProgressBar } from './rotation-progress-bar';
import { describeRotation, rotationReport, type RotationReport } from './rotation-report';

const DEFAULT_REASON = 'master key rotation';

interface RotateOptions {
  actor: string;
  forceReason?: string;
  reason: string;
  keySchema: string;
  auditSchema: string;
  batchSize?: number;
  json?: boolean;
}

/** `frm keys rotate`: every data key re-wrapped under FRM_MASTER_KEY; events untouched; one audit entry per run. */
export function rotateCommand(): Command {
  const command = new Command('rotate')
    .description(
      're-wrap every data key under FRM_MASTER_KEY (the new master key), unwrapping with FRM_MASTER_KEY_PREVIOUS (the old ones); ' +
        'no event changes; each run appends a key_rotation entry to the audit log; safe to run again, Ctrl+C stops after the batch in hand',
    )
    .requiredOption('--actor <id>', 'who rotates, for the audit log: your subject id (a token\'s sub) or a service id such as svc:key-rotation; never a name or e-mail')
    .option('--reason <text>', 'why, for the audit log (one line, no personal data)', DEFAULT_REASON)
    .option('--force-reason <text>', 'on a wedding day (a Saturday, a blackout date): why the rotation cannot wait, kept in the audit log')
    .option('--audit-schema <schema>', "Postgres schema of the compliance service's audit log", DEFAULT_AUDIT_SCHEMA)
    .option('--batch-size <keys>', 'data keys re-wrapped per round trip (default 500)', positiveInteger)
    .option('--json', 'print the summary as JSON instead of lines for people');
  withKeySchemaOption(command);
  return command.action(async (options: RotateOptions) => {
    const audit = { entryId: randomUUID(), actorId: options.actor, reason: options.reason };
    checkAuditOptions(audit);
    const override = freezeGateOf('frm keys rotate', { type: 'master_key', id: 'current' }, options.actor, options.forceReason);
    const database = await openCliDatabase();
    let report: RotationReport;
    let entry: AuditEntry;
    try {
      const kms = await openCliMasterKeys(
        'frm keys rotate re-wraps every data key under FRM_MASTER_KEY: set it to the new master key, and FRM_MASTER_KEY_PREVIOUS to the one the platform runs with now',
      );
      const keys = await openKeyTable(database.db, options.keySchema);
      const auditLog = await PostgresAuditLog.attach(database.db, { schema: options.auditSchema });
      if (override) await auditLog.append(override);
      const before = await keys.countByMasterKeyVersion();
      const unconfigured = unconfiguredVersions(before, kms.versions);
      if (unconfigured.length > 0) throw new CliError(`${unconfiguredVersionsMessage(unconfigured, kms.versions)}; nothing was re-wrapped`);
      const result = await rotateWithProgress(keys, kms, options.batchSize);
      report = rotationReport(before, result, await keys.countByMasterKeyVersion());
      entry = await appendRotationEntry(auditLog, rotationAuditDraft(audit, report), report);
      await publishAuditHeadIfConfigured(auditLog);
    } finally {
      await database.close();
    }
    const recorded = `audit entry ${entry.sequence} of log "${entry.log}" (schema ${options.auditSchema}): key_rotation by ${entry.actorId}`;
    if (options.json) {
      const auditEntry = { schema: options.auditSchema, log: entry.log, sequence: entry.sequence, entryId: entry.entryId, hash: entry.hash };
      process.stdout.write(`${JSON.stringify({ ...report, auditEntry })}\n`);
    } else {
      process.stdout.write(`${[...describeRotation(report), recorded].join('\n')}\n`);
    }
    if (report.interrupted) throw new CliError('interrupted; the keys re-wrapped so far are recorded: run frm keys rotate again to finish', INTERRUPTED_EXIT_CODE);
  });
}

// The keys are re-wrapped by now: say so, and how a run that finds nothing left to do records it.
async function appendRotationEntry(auditLog: PostgresAuditLog, draft: AuditEntryDraft, report: RotationReport): Promise<AuditEntry> {
  try {
    return (await auditLog.append(draft)).entry;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(
      `re-wrapped ${report.rewrapped} data keys under ${report.masterKeyVersion}, but the audit entry was not appended (${reason}); ` +
        'run frm keys rotate again once the database answers: it takes up what is left and appends the entry',
    );
  }
}

async function rotateWithProgress(keys: SubjectKeyStore, kms: LocalMasterKeys, batchSize: number | undefined): Promise<RotationResult> {
  const interruption = cancelOnInterrupt();
  const progressBar = new RotationProgressBar(kms.currentVersion);
  try {
    return await rotateMasterKey(keys, kms, { batchSize, signal: interruption.signal, onProgress: (progress) => progressBar.update(progress) });
  } catch (error) {
    // A data key made under an unknown version after the check above, or a damaged key table.
    if (error instanceof Error && (error.name === 'UnknownMasterKeyVersionError' || error.name === 'KeyUnwrapError')) {
      throw new CliError(`${error.message}; the keys re-wrapped before it stay re-wrapped, and running again takes up the rest`);
    }
    throw error;
  } finally {
    progressBar.stop();
    interruption.dispose();
  }
}

// Before anything is re-wrapped: an actor or reason the audit log refuses would leave a rotation unrecorded.
function checkAuditOptions(audit: { entryId: string; actorId: string; reason: string }): void {
  const probe: AuditEntryDraft = { ...audit, action: 'key_rotation', target: { type: 'master_key', id: 'mk-check' } };
  try {
    checkAuditDraft(probe);
  } catch (error) {
    if (!(error instanceof InvalidAuditEntryError)) throw error;
    if (error.field === 'actorId') {
      throw new CliError(
        `--actor ${JSON.stringify(audit.actorId)} is not an id; give your subject id (a token's sub) or a service id such as svc:key-rotation ` +
          '(letters, digits and . _ : / -, no spaces or @), as the audit log keeps ids only',
      );
    }
    throw new CliError(`--reason ${error.message.slice(`audit entry ${error.field} `.length)}`);
  }
}

function positiveInteger(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new InvalidArgumentError('expected a whole number from 1');
  return value;
}
