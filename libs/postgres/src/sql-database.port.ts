/** Something that runs one SQL statement with positional parameters ($1, $2…). */
export interface SqlQueryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<Row[]>;
}

export interface QueryOptions {
  /**
   * Name under which a server connection keeps the statement parsed and planned, for hot
   * statements; one name must always go with the same SQL. Engines that cannot do this ignore it.
   */
  preparedAs?: string;
}

export type Unlisten = () => Promise<void>;

/**
 * A Postgres database, whichever engine serves it: a server reached through `pg`, or PGlite
 * embedded in the process. Event store, projections and checkpoints talk only to this port.
 */
export interface SqlDatabase extends SqlQueryable {
  readonly engine: 'postgres' | 'pglite';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  /** Runs a script of several statements without parameters (schema migrations). */
  exec(script: string): Promise<void>;
  /**
   * Bulk load by `COPY … FROM STDIN` in text format, in one transaction of its own: `rows` is the
   * data, a line per row, fields separated by tabs and written with {@link copyTextField}. Several
   * times faster than an insert of the same rows from JSON. Only a server has it (PGlite cannot
   * stream into COPY): callers keep another way for when it is `undefined`.
   * @returns the rows loaded
   */
  readonly copyFrom?: (copyStatement: string, rows: string) => Promise<number>;
  /** Calls `onNotify` for every NOTIFY on `channel`; notifications are wake-ups, never data. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<Unlisten>;
  close(): Promise<void>;
}
