import { Command } from 'commander';
import { rotateCommand } from './rotate.command';
import { statusCommand } from './status.command';

export function keysCommand(): Command {
  return new Command('keys')
    .description('the master key that wraps every data subject\'s key: its age, and its rotation')
    .addCommand(statusCommand())
    .addCommand(rotateCommand());
}
