import { createInterface } from 'node:readline/promises';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { loadSettings, runModeSettings } from '@frm/config';
import { reapplyErasureLedgerTo } from '@frm/compliance';
import { loadEventSchemaRegistry } from '@frm/contracts';
import { LocalDirectoryBackupStore, restoreArchive } from '@frm/event-archive';
import { openPostgresEventImport, openPostgresEventStore, TargetNotEmptyError, withSchemaValidation } from '@frm/event-store';
import { createLogger } from '@frm/logging';
import { cancelOnInterrupt } from '../cancel-on-interrupt';
import { CliError, INTERRUPTED_EXIT_CODE } from '../cli-error';
import { auditOverride } from '../freeze/audit-override';
import { freezeGateOf } from '../freeze/cli-freeze-gate';
import { openCliDatabase } from '../storage/cli-storage';
import { RestoreProgressBar } from './restore-progress-bar';

interface RestoreCommandOptions {
  backupDir?: string;
  snapshot?: string;
  until?: string;
  eventStoreSchema: string;
  force?: boolean;
  yes?: boolean;
  actor: string;
  forceReason?: string;
  auditSchema: string;
  json?: boolean;
}

/**
 * `frm dr restore`: the backups loaded for real into the configured database's event store (which
 * must be empty unless --force), with the erasure ledger re-applied, while the platform is stopped.
 * The services rebuild their read models from the restored events when they start.
 */
export function restoreCommand(): Command {
  return new Command('restore')
    .description('restore the event store from the backups into the configured database (FRM_DATABASE_URL, else FRM_DATA_DIR) while the platform is stopped; asks first')
    .option('--backup-dir <dir>', 'the backups (default FRM_BACKUP_DIR, else FRM_DATA_DIR/backups)')
    .option('--snapshot <name>', 'restore this snapshot instead of the newest (frm dr backups lists them)')
    .option('--until <name>', 'stop after this archive file (leave out a damaged segment and what follows)')
    .option('--event-store-schema <schema>', 'the event store schema to restore into', 'event_store')
    .option('--force', 'restore into an event store that holds events, adding only those it lacks (finishes an interrupted restore)')
    .option('--yes', 'do not ask for confirmation (scripts)')
    .option('--actor <id>', 'who restores, for the audit log', process.env['FRM_ACTOR'] ?? 'svc:frm-cli')
    .option('--force-reason <text>', 'on a wedding day: why the restore cannot wait, kept in the audit log')
    .option('--audit-schema <schema>', "Postgres schema of the compliance service's audit log", 'audit')
    .option('--json', 'print the result as JSON')
    .action(restore);
}

async function restore(options: RestoreCommandOptions): Promise<void> {
  const settings = loadSettings(runModeSettings);
  if (settings.EVENTSTORE_CONNECTION_STRING) {
    throw new CliError('the event store is EventStoreDB here (EVENTSTORE_CONNECTION_STRING): restore it from its own backups; frm dr restore loads the Postgres event store');
  }
  const override = freezeGateOf('frm dr restore', { type: 'event_store', id: options.eventStoreSchema }, options.actor, options.forceReason);
  const backupDir = resolve(options.backupDir ?? process.env['FRM_BACKUP_DIR'] ?? join(settings.FRM_DATA_DIR, 'backups'));
  const backups = await LocalDirectoryBackupStore.open(backupDir);
  const database = await openCliDatabase();
  try {
    if (!options.yes) await confirm(`Restore the event store (schema ${options.eventStoreSchema}) of ${database.description} from ${backups.description}?`);
    if (override) await auditOverride(database.db, options.auditSchema, override);
    const interruption = cancelOnInterrupt();
    const bar = new RestoreProgressBar();
    let report;
    try {
      report = await restoreArchive({
        store: backups,
        target: await openPostgresEventImport(database.db, { schema: options.eventStoreSchema }),
        force: options.force ?? false,
        ...(options.snapshot ? { snapshot: options.snapshot } : {}),
        ...(options.until ? { until: options.until } : {}),
        signal: interruption.signal,
        onProgress: (progress) => bar.update(progress),
      });
    } catch (error) {
      if (error instanceof TargetNotEmptyError) throw new CliError(`${error.message}; add --force to add only the events it lacks (an interrupted restore), or restore into an empty database`);
      if (interruption.signal.aborted) throw new CliError('interrupted; the events loaded so far stay: run again with --force to finish', INTERRUPTED_EXIT_CODE);
      throw error;
    } finally {
      bar.stop();
      interruption.dispose();
    }
    // A restored backup must not bring an erased person back: their erasures are done again.
    const eventStore = withSchemaValidation(await openPostgresEventStore(database.db, { schema: options.eventStoreSchema }), loadEventSchemaRegistry());
    let ledger;
    try {
      ledger = await reapplyErasureLedgerTo({ db: database.db, eventStore, logger: createLogger({ service: 'frm-cli', level: 'warn', destination: process.stderr }) });
    } catch (error) {
      process.stderr.write(`frm: warning: the erasure ledger was not re-applied (${error instanceof Error ? error.message : String(error)}); the compliance service re-applies it at its next start\n`);
    } finally {
      await eventStore.close();
    }
    const result = { ...report, erasuresReapplied: ledger?.eventsAppended ?? null, keysDeletedAgain: ledger?.keysDeleted ?? null };
    process.stdout.write(
      options.json
        ? `${JSON.stringify(result)}\n`
        : `restored ${report.eventsRestored} events from ${report.files.length} files (${report.files.join(', ')}) into ${database.description}, newest recorded ${report.newestRecordedAt?.toISOString() ?? 'never'}; ` +
            `${ledger ? `${ledger.eventsAppended} erasures re-applied, ${ledger.keysDeleted} keys deleted again` : 'erasure ledger not re-applied'}; start the platform: its read models rebuild from the restored events\n`,
    );
  } finally {
    await database.close();
  }
}

async function confirm(question: string): Promise<void> {
  if (!process.stdin.isTTY) throw new CliError('frm dr restore asks before it writes, and there is no terminal to ask on: add --yes to confirm');
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question(`${question} Type "restore" to go ahead: `);
    if (answer.trim() !== 'restore') throw new CliError('not confirmed; nothing was restored');
  } finally {
    prompt.close();
  }
}
