import { quoteIdent } from '@frm/postgres';

/** The key table of one schema: the names every statement of the Postgres key store uses. */
export interface SubjectKeyTables {
  readonly keys: string;
  readonly masterKeyVersions: string;
}

export function subjectKeyTables(schema: string): SubjectKeyTables {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new RangeError(`"${schema}" cannot hold the key table: use lower-case letters, digits and "_", at most 63 characters`);
  }
  return { keys: `${quoteIdent(schema)}.subject_keys`, masterKeyVersions: `${quoteIdent(schema)}.master_key_versions` };
}

/**
 * Statements that create the key table if it is missing. The advisory lock makes concurrent
 * start-ups take turns, as two `create table if not exists` can otherwise collide in the catalog.
 * Subject ids sort by bytes (collation "C"), so paging by subject id means the same everywhere.
 */
export function subjectKeySchemaSql(schema: string): string[] {
  const tables = subjectKeyTables(schema);
  return [
    // The schema name is checked above to be made of [a-z0-9_] only, so it can stand in a literal.
    `select pg_advisory_xact_lock(hashtext('frm.pii.subject-keys:${schema}'))`,
    `create schema if not exists ${quoteIdent(schema)}`,
    `create table if not exists ${tables.keys} (
      subject_id text collate "C" primary key,
      key_id text not null,
      wrapped_key bytea not null,
      master_key_version text not null,
      created_at timestamptz not null default now(),
      rotated_at timestamptz
    )`,
    `create index if not exists subject_keys_master_key_version on ${tables.keys} (master_key_version)`,
    `create table if not exists ${tables.masterKeyVersions} (
      version text primary key,
      first_used_at timestamptz not null default now()
    )`,
  ];
}
