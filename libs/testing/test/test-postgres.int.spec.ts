import { existsSync } from 'node:fs';
import { testPglite, testPostgres, type TestPostgres } from '../src';

describe('testPostgres', () => {
  let first: TestPostgres;
  let second: TestPostgres;
  beforeAll(async () => {
    [first, second] = await Promise.all([testPostgres(), testPostgres()]);
  });
  afterAll(async () => {
    await first?.cleanup();
    await second?.cleanup();
  });

  it('gives each test a schema whose tables the other cannot see', async () => {
    await first.db.exec('create table votes (id int primary key)');
    await first.db.query('insert into votes values (1)');

    expect(await second.db.query(`select to_regclass('votes') as found`)).toEqual([{ found: null }]);
    await second.db.exec('create table votes (id int primary key)');
    expect(await second.db.query('select * from votes')).toEqual([]);
    expect(await first.db.query('select * from votes')).toEqual([{ id: 1 }]);
  });

  it('drops the schema on cleanup', async () => {
    const own = await testPostgres({ prefix: 'dropped' });
    await own.db.exec('create table t (id int)');
    await own.cleanup();
    const remaining = await first.db.query('select 1 from information_schema.schemata where schema_name = $1', [own.schema]);
    expect(remaining).toEqual([]);
  });

  it('says how to start Postgres when it does not answer', async () => {
    await expect(testPostgres({ connectionString: 'postgres://postgres@127.0.0.1:1/none' })).rejects.toThrow(
      'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
    );
  });
});

describe('testPglite', () => {
  // PGlite compiles its WebAssembly and runs initdb first: seconds, or half a minute on a busy machine.
  it('keeps an on-disk database in a temporary directory that cleanup removes', async () => {
    const pglite = await testPglite({ onDisk: true });
    try {
      await pglite.db.exec('create table t (id int); insert into t values (7)');
      expect(await pglite.db.query('select id from t')).toEqual([{ id: 7 }]);
      expect(pglite.dataDir && existsSync(pglite.dataDir)).toBe(true);
    } finally {
      await pglite.cleanup();
    }
    expect(existsSync(pglite.dataDir ?? '')).toBe(false);
  }, 90_000);
});
