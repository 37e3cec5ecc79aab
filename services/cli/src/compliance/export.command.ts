import { Command, Option } from 'commander';
import { accessTokenOf, DEFAULT_GATEWAY_ADDRESS, gatewayTargetOf } from '../gateway/gateway-target';
import { exportFilesOf } from './export-files';
import { assertExportFolderFree, writeExportFolder } from './export-folder';
import { exportPlanOf, PRIVACY_REGIMES, type ExportOptions } from './export-plan';
import { describeExport, exportReportOf } from './export-report';
import { receiveExport } from './receive-export';

interface ExportCommandOptions extends ExportOptions {
  address?: string;
  token?: string;
  json?: boolean;
}

/** `frm compliance export`: everything about one person (GDPR Art. 20), as export.json and a CSV file per table. */
export function exportCommand(): Command {
  return new Command('export')
    .description("export a person's data through the gateway (GDPR Art. 20) into a folder: export.json and one CSV file per table")
    .requiredOption('--subject <uuid>', "whose data: the person's id (a token's sub)")
    .option('--reason <text>', "why, in one line; required to export another person's data (admin only) and for bulk exports")
    .addOption(new Option('--regime <regime>', 'the law the request is made under; it sets the deadline').choices(PRIVACY_REGIMES).default('gdpr'))
    .option('--request-id <uuid>', 'the export to repeat (same id, same export); a new one when left out')
    .option('--out <dir>', 'a new folder for the files (default ./export-<subject>-<date>)')
    .option('--address <host:port>', `the gateway (default FRM_GATEWAY_ADDRESS, else ${DEFAULT_GATEWAY_ADDRESS}; https://… for TLS)`)
    .option('--token <jwt>', 'access token (default FRM_TOKEN); visible in ps and shell history, so prefer FRM_TOKEN')
    .option('--json', 'print the result as JSON instead of a line for people')
    .action(async (options: ExportCommandOptions) => {
      const plan = exportPlanOf(options, process.cwd(), new Date());
      const gateway = gatewayTargetOf(options.address, process.env['FRM_GATEWAY_ADDRESS']);
      const accessToken = accessTokenOf(options.token, process.env['FRM_TOKEN']);
      await assertExportFolderFree(plan.outDir);
      const subjectExport = await receiveExport({ gateway, accessToken, plan });
      const files = exportFilesOf(subjectExport, plan);
      await writeExportFolder(plan.outDir, files);
      const report = exportReportOf(subjectExport, plan.requestId, files.map((file) => file.name), plan.outDir);
      process.stdout.write(`${options.json ? JSON.stringify(report) : describeExport(report)}\n`);
    });
}
