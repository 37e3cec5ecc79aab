import { randomUUID } from 'node:crypto';
import { DatabaseUnavailableError, makeSchemaUnlogged, openPgDatabase, openPgliteDatabase, type SqlDatabase } from '../src';

const serverUrl = process.env['FRM_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

describe.each([
  ['postgres', () => openPgDatabase({ connectionString: serverUrl, schema: `t_${randomUUID().replace(/-/g, '')}` })],
  ['pglite', () => openPgliteDatabase()],
])('%s database', (_engine, open) => {
  let db: SqlDatabase;
  beforeAll(async () => {
    db = await open();
    await db.exec('create table if not exists items (id int primary key, name text)');
  });
  afterAll(() => db.close());

  it('commits a transaction that resolves', async () => {
    await db.transaction(async (tx) => {
      await tx.query('insert into items values ($1, $2)', [1, 'one']);
    });
    expect(await db.query('select name from items where id = 1')).toEqual([{ name: 'one' }]);
  });

  it('rolls back every statement of a transaction that throws', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query('insert into items values ($1, $2)', [2, 'two']);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await db.query('select * from items where id = 2')).toEqual([]);
  });

  it('makes every table of one schema unlogged, keeping its rows and leaving other schemas alone', async () => {
    const scratch = `scratch_${randomUUID().replace(/-/g, '')}`;
    await db.exec(`create schema ${scratch}; create table ${scratch}.b (id int primary key); create table ${scratch}.a (id int primary key, note text)`);
    await db.query(`insert into ${scratch}.a values (1, 'kept')`);
    try {
      expect(await makeSchemaUnlogged(db, scratch)).toEqual([`${scratch}.a`, `${scratch}.b`]);
      const persistence = await db.query<{ relname: string; relpersistence: string }>(
        `select c.relname, c.relpersistence from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 order by c.relname`,
        [scratch],
      );
      // The tables and their primary-key indexes.
      expect(persistence).toEqual(['a', 'a_pkey', 'b', 'b_pkey'].map((relname) => ({ relname, relpersistence: 'u' })));
      expect(await db.query(`select note from ${scratch}.a`)).toEqual([{ note: 'kept' }]);
      const [items] = await db.query<{ relpersistence: string }>(`select relpersistence from pg_class where oid = 'items'::regclass`);
      expect(items?.relpersistence).toBe('p');
      expect(await makeSchemaUnlogged(db, scratch)).toEqual([]);
    } finally {
      await db.exec(`drop schema ${scratch} cascade`);
    }
  });

  it('wakes a listener on NOTIFY', async () => {
    let resolveReceived: (payload: string) => void = () => undefined;
    const received = new Promise<string>((resolve) => (resolveReceived = resolve));
    const unlisten = await db.listen('frm_test', (payload) => resolveReceived(payload));
    try {
      await db.query(`select pg_notify('frm_test', 'hello')`);
      await expect(received).resolves.toBe('hello');
    } finally {
      await unlisten();
    }
  });
});

describe('unreachable Postgres', () => {
  it('fails at start-up with one line that names the address and how to start the server', async () => {
    const error = await openPgDatabase({ connectionString: 'postgres://postgres@127.0.0.1:1/none' }).catch((e) => e);
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect(error.message).toContain('127.0.0.1:1');
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).not.toContain('\n');
  });
});

describe('a server connection that dies inside a transaction (Postgres restarts)', () => {
  it('rejects the transaction, keeps the process alive, and gives later transactions a fresh connection', async () => {
    const db = await openPgDatabase({ connectionString: serverUrl });
    const killer = await openPgDatabase({ connectionString: serverUrl });
    try {
      const doomed = db.transaction(async (tx) => {
        const [{ pid }] = await tx.query<{ pid: number }>('select pg_backend_pid() as pid');
        // What an immediate restart does to every backend: the connection ends under the client.
        await killer.query('select pg_terminate_backend($1)', [pid]);
        await new Promise((wake) => setTimeout(wake, 200));
        await tx.query('select 1');
      });
      await expect(doomed).rejects.toThrow();
      // Without a listener the dead client's 'error' event would have ended this process by now.
      expect(await db.transaction((tx) => tx.query<{ ok: number }>('select 1 as ok'))).toEqual([{ ok: 1 }]);
    } finally {
      await db.close();
      await killer.close();
    }
  });
});

describe('connections kept open (minConnections)', () => {
  it('opens them before the pool is handed out; without it the pool opens only what a query needs', async () => {
    const name = (kept: string) => `frm-pool-${kept}-${randomUUID().slice(0, 8)}`;
    const warm = name('warm');
    const cold = name('cold');
    const observer = await openPgDatabase({ connectionString: serverUrl });
    const warmDb = await openPgDatabase({ connectionString: serverUrl, applicationName: warm, minConnections: 4 });
    const coldDb = await openPgDatabase({ connectionString: serverUrl, applicationName: cold });
    const connectionsOf = async (applicationName: string) =>
      Number((await observer.query<{ n: string }>('select count(*) as n from pg_stat_activity where application_name = $1', [applicationName]))[0]?.n);
    try {
      expect({ warm: await connectionsOf(warm), cold: await connectionsOf(cold) }).toEqual({ warm: 4, cold: 1 });
      await warmDb.query('select 1');
      expect(await connectionsOf(warm)).toBe(4);
    } finally {
      await Promise.all([warmDb.close(), coldDb.close()]);
      await observer.close();
    }
  });
});
