import { Command } from 'commander';
import { verifyCommand } from './verify.command';

export function auditCommand(): Command {
  return new Command('audit').description('the hash-chained audit log of privileged acts').addCommand(verifyCommand());
}
