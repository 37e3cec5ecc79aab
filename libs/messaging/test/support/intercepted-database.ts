import type { QueryOptions, SqlDatabase } from '@frm/postgres';

/** Calls `before` ahead of every `query` (it may throw, like a failing server would), then runs it on `db`. */
export function interceptedDatabase(db: SqlDatabase, before: (sql: string, params: readonly unknown[]) => Promise<void> | void): SqlDatabase {
  return {
    engine: db.engine,
    async query<Row>(sql: string, params: readonly unknown[] = [], options?: QueryOptions): Promise<Row[]> {
      await before(sql, params);
      return db.query<Row>(sql, params, options);
    },
    transaction: (work) => db.transaction(work),
    exec: (script) => db.exec(script),
    listen: (channel, onNotify) => db.listen(channel, onNotify),
    close: () => db.close(),
  };
}
