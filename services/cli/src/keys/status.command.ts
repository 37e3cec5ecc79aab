import { Command } from 'commander';
import { masterKeyStatus } from '@frm/pii';
import { openCliDatabase } from '../storage/cli-storage';
import { openCliMasterKeys } from './cli-master-keys';
import { describeKeyStatus, keyStatusReport, type KeyStatusReport } from './key-status-report';
import { openKeyTable, withKeySchemaOption } from './key-table';

interface StatusOptions {
  keySchema: string;
  json?: boolean;
}

/** `frm keys status`: the current master key's age against the 90-day policy, and the data keys each version wraps. */
export function statusCommand(): Command {
  const command = new Command('status')
    .description("the master key's age, whether rotation is due (every 90 days), and how many data keys each master key version wraps")
    .option('--json', 'print the status as JSON instead of lines for people');
  withKeySchemaOption(command);
  return command.action(async (options: StatusOptions) => {
    const database = await openCliDatabase();
    let report: KeyStatusReport;
    try {
      const kms = await openCliMasterKeys('frm keys status reports on the master key the platform runs with: set FRM_MASTER_KEY as the compliance service has it');
      const keys = await openKeyTable(database.db, options.keySchema);
      const now = new Date();
      report = keyStatusReport(await masterKeyStatus(keys, kms, now), kms.versions, now);
    } finally {
      await database.close();
    }
    process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : `${describeKeyStatus(report).join('\n')}\n`);
  });
}
