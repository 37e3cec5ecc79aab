import { Command } from 'commander';
import { exportCommand } from './export.command';

export function complianceCommand(): Command {
  return new Command('compliance').description("people's data rights, through the gateway: export (GDPR Art. 20)").addCommand(exportCommand());
}
