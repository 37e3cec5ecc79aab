import type { Command } from 'commander';

export const DEFAULT_EVENT_STORE_SCHEMA = 'event_store';

/** Adds `--event-store-schema`, for platforms started with a schema of their own (as tests are). */
export function withEventStoreSchemaOption(command: Command): Command {
  return command.option(
    '--event-store-schema <schema>',
    'Postgres schema of the event store',
    DEFAULT_EVENT_STORE_SCHEMA,
  );
}
