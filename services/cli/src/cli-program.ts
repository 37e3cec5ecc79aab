import { Command } from 'commander';
import { auditCommand } from './audit/audit.command';
import { complianceCommand } from './compliance/compliance.command';
import { drCommand } from './dr/dr.command';
import { freezeCommand } from './freeze/freeze.command';
import { eventsCommand } from './events/events.command';
import { keysCommand } from './keys/keys.command';
import { projectionsCommand } from './projections/projections.command';
import { tokenCommand } from './token/token.command';

/** `frm` and its commands; errors reach the caller instead of ending the process. */
export function createCliProgram(): Command {
  const program = new Command('frm')
    .description('Feature Request Management operations: development tokens, projections, events, audit log, data exports, disaster recovery, the wedding-day freeze');
  for (const command of [tokenCommand(), projectionsCommand(), eventsCommand(), auditCommand(), complianceCommand(), keysCommand(), drCommand(), freezeCommand()]) program.addCommand(command);
  throwInsteadOfExiting(program);
  return program;
}

// Commander copies these settings only to commands made with `.command()`, not to added ones.
function throwInsteadOfExiting(command: Command): void {
  command.exitOverride().showHelpAfterError('(run with --help for usage)');
  for (const sub of command.commands) throwInsteadOfExiting(sub);
}
