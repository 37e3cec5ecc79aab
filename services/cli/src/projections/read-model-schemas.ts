import type { Command } from 'commander';
import { defaultProjectionSchemaName, projectionSchemaNames } from '@frm/projections';
import { CliError } from '../cli-error';

/** Live schemas chosen with `--read-model-schema <projection>=<schema>`; the rest use the default. */
export class ReadModelSchemas {
  private constructor(private readonly chosen: ReadonlyMap<string, string>) {}

  static parse(entries: readonly string[]): ReadModelSchemas {
    const chosen = new Map<string, string>();
    for (const entry of entries) {
      const [projection, schema, extra] = entry.split('=');
      if (!projection || !schema || extra !== undefined) {
        throw new CliError(`--read-model-schema "${entry}" is not <projection>=<schema>; e.g. --read-model-schema feature_requests=projection_feature_requests`);
      }
      try {
        projectionSchemaNames(schema);
      } catch (error) {
        throw new CliError(`--read-model-schema ${entry}: ${(error as Error).message}`);
      }
      chosen.set(projection, schema);
    }
    return new ReadModelSchemas(chosen);
  }

  liveSchemaOf(projection: string): string {
    return this.chosen.get(projection) ?? defaultProjectionSchemaName(projection);
  }
}

/** Adds the repeatable `--read-model-schema`, for platforms that gave a projection another schema. */
export function withReadModelSchemaOption(command: Command): Command {
  return command.option(
    '--read-model-schema <projection=schema>',
    'live schema of a projection when not projection_<name> (repeatable)',
    (entry: string, entries: string[]) => [...entries, entry],
    [] as string[],
  );
}
