import { Command, InvalidArgumentError } from 'commander';
import { cancelOnInterrupt } from '../cancel-on-interrupt';
import { openCliStorage } from '../storage/cli-storage';
import { withEventStoreSchemaOption } from '../storage/storage-options';
import { eventJsonLine } from './event-json-line';
import { lineWriter } from './line-writer';
import { tailEvents } from './tail-events';
import { parseTailStart } from './tail-start';

interface TailCommandOptions {
  from: string;
  typePrefix: string[];
  limit?: number;
  follow?: boolean;
  eventStoreSchema: string;
}

/** `frm events tail`: events as JSON lines, from a position, optionally following new ones. */
export function tailCommand(): Command {
  const command = new Command('tail')
    .description('print events as JSON lines, oldest first')
    .option('--from <start|end|commit/prepare>', 'begin at the first event, after the newest, or after a position', 'start')
    .option('--type-prefix <prefix>', 'only events whose type starts so (repeatable)', (prefix: string, prefixes: string[]) => [...prefixes, prefix], [] as string[])
    .option('--limit <count>', 'stop after this many events', nonNegativeInteger)
    .option('-f, --follow', 'keep printing new events as they are appended, until Ctrl+C');
  withEventStoreSchemaOption(command);
  return command.action(async (options: TailCommandOptions) => {
    const from = parseTailStart(options.from);
    const storage = await openCliStorage(options);
    const interruption = cancelOnInterrupt();
    const write = lineWriter();
    try {
      await tailEvents(storage.eventStore, {
        from,
        typePrefixes: options.typePrefix,
        limit: options.limit,
        follow: options.follow === true,
        signal: interruption.signal,
        write: (event) => write(eventJsonLine(event)),
      });
    } finally {
      interruption.dispose();
      await storage.close();
    }
  });
}

function nonNegativeInteger(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value)) throw new InvalidArgumentError('expected a whole number');
  return value;
}
