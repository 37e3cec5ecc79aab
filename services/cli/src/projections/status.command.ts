import { Command } from 'commander';
import { openCliStorage } from '../storage/cli-storage';
import { withEventStoreSchemaOption } from '../storage/storage-options';
import { knownProjections } from './known-projections';
import { projectionHealth } from '@frm/projections';
import { ReadModelSchemas, withReadModelSchemaOption } from './read-model-schemas';
import { statusTable } from './status-table';

interface StatusOptions {
  json?: boolean;
  eventStoreSchema: string;
  readModelSchema: string[];
}

/** `frm projections status`: checkpoint, head and lag of every registered projection. */
export function statusCommand(): Command {
  const command = new Command('status')
    .description("every registered projection's checkpoint, the event store's head, the lag in events and the state")
    .option('--json', 'print a JSON array for scripts instead of a table');
  withEventStoreSchemaOption(command);
  withReadModelSchemaOption(command);
  return command.action(async (options: StatusOptions) => {
    const schemas = ReadModelSchemas.parse(options.readModelSchema);
    const storage = await openCliStorage(options);
    try {
      const rows = [];
      for (const projection of knownProjections()) {
        rows.push(await projectionHealth(storage.db, storage.eventStore, projection, schemas.liveSchemaOf(projection.name)));
      }
      process.stdout.write(options.json ? `${JSON.stringify(rows, null, 2)}\n` : `${statusTable(rows)}\n`);
    } finally {
      await storage.close();
    }
  });
}
