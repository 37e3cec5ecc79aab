import { Command } from 'commander';
import { rebuildCommand } from './rebuild.command';
import { statusCommand } from './status.command';

export function projectionsCommand(): Command {
  return new Command('projections')
    .description('read models: status and zero-downtime rebuilds')
    .addCommand(statusCommand())
    .addCommand(rebuildCommand());
}
