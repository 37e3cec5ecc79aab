export type { QueryOptions, SqlDatabase, SqlQueryable, Unlisten } from './sql-database.port';
export { DatabaseUnavailableError } from './database-unavailable.error';
export { openPgDatabase, quoteIdent, type PgDatabaseOptions } from './pg-database';
export { openPgliteDatabase, type PgliteDatabaseOptions } from './pglite-database';
export { makeSchemaUnlogged } from './unlogged-tables';
export { copyTextField } from './copy-text-field';
