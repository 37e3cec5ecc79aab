import type { Command } from 'commander';
import { DEFAULT_KEY_SCHEMA } from '@frm/compliance';
import { openPostgresSubjectKeyStore, type SubjectKeyStore } from '@frm/pii';
import { quoteIdent, type SqlDatabase } from '@frm/postgres';
import { CliError } from '../cli-error';

/** Adds `--key-schema`, for a compliance service started with a key table of its own (as tests are). */
export function withKeySchemaOption(command: Command): Command {
  return command.option('--key-schema <schema>', "Postgres schema of the compliance service's key table", DEFAULT_KEY_SCHEMA);
}

/**
 * The compliance service's key table in `schema`, which must exist: opening a mistyped schema
 * would create an empty table and report on that.
 */
export async function openKeyTable(db: SqlDatabase, schema: string): Promise<SubjectKeyStore> {
  const [row] = await db.query<{ found: boolean }>('select to_regclass($1) is not null as found', [`${quoteIdent(schema)}.subject_keys`]);
  if (!row?.found) {
    throw new CliError(
      `no key table in schema "${schema}" (its table subject_keys does not exist); check --key-schema, or let the compliance service start once to create it`,
    );
  }
  return openPostgresSubjectKeyStore(db, { schema });
}
