import { Command } from 'commander';
import { tailCommand } from './tail.command';

export function eventsCommand(): Command {
  return new Command('events').description('the event store: read events').addCommand(tailCommand());
}
