import { Command } from 'commander';
import { DEFAULT_AUDIT_LOG, DEFAULT_AUDIT_SCHEMA, PostgresAuditLog, verifyAuditLog, type AuditLogVerdict } from '@frm/audit';
import { CliError } from '../cli-error';
import { openCliDatabase } from '../storage/cli-storage';
import { VerifyProgressBar } from './verify-progress-bar';

/** The exit code of a log that does not verify, apart from 1 for "could not check at all". */
export const AUDIT_LOG_BROKEN_EXIT_CODE = 2;

interface VerifyOptions {
  schema: string;
  log: string;
  json?: boolean;
}

/** `frm audit verify`: every entry's hash recomputed and every link checked, from the first entry to the head. */
export function verifyCommand(): Command {
  return new Command('verify')
    .description(`walk the whole audit log recomputing every hash; exits ${AUDIT_LOG_BROKEN_EXIT_CODE} naming the first broken entry`)
    .option('--schema <schema>', 'Postgres schema of the audit log', DEFAULT_AUDIT_SCHEMA)
    .option('--log <name>', 'which log of that schema', DEFAULT_AUDIT_LOG)
    .option('--json', 'print the verdict as JSON instead of a line for people')
    .action(async (options: VerifyOptions) => {
      const database = await openCliDatabase();
      let verdict: AuditLogVerdict;
      try {
        const store = await PostgresAuditLog.attach(database.db, { schema: options.schema, log: options.log });
        const progressBar = new VerifyProgressBar(store.log);
        try {
          verdict = await verifyAuditLog(store, { onProgress: (progress) => progressBar.update(progress) });
        } finally {
          progressBar.stop();
        }
      } finally {
        await database.close();
      }
      if (options.json) process.stdout.write(`${JSON.stringify(verdict)}\n`);
      if (!verdict.ok) throw new CliError(verdict.broken.message, AUDIT_LOG_BROKEN_EXIT_CODE);
      if (!options.json) {
        const head = verdict.head ? `head ${verdict.head.sequence} ${verdict.head.hash}` : 'the log is empty';
        process.stdout.write(`audit log "${verdict.log}" in schema ${options.schema}: ${verdict.checked} entries verified, ${head}\n`);
      }
    });
}
