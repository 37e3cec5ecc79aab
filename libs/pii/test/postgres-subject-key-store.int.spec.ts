import { randomBytes, randomUUID } from 'node:crypto';
import { openPgDatabase } from '@frm/postgres';
import { testPglite, testPostgres, type TestPglite, type TestPostgres } from '@frm/testing';
import { ERASED, LocalMasterKeys, openPostgresSubjectKeyStore, PiiCipher, rotateMasterKey, type SubjectKeyStore } from '../src';
import { subjectKeyStoreContract } from '../src/keys/subject-key-store.contract';

// PGlite compiles its WebAssembly and runs initdb first: seconds, or half a minute on a busy machine.
const SLOW_START = 90_000;

describe('Postgres key store on a Postgres server', () => {
  let server: TestPostgres;
  const schemas: string[] = [];
  // The test's own schema holds nothing; each store gets a schema named after it, dropped at the end.
  const keySchema = (name: string) => {
    schemas.push(`${server.schema}_${name}`);
    return `${server.schema}_${name}`;
  };
  beforeAll(async () => {
    server = await testPostgres({ prefix: 'pii' });
  });
  afterAll(async () => {
    for (const schema of schemas) await server?.db.exec(`drop schema if exists ${schema} cascade`);
    await server?.cleanup();
  });

  let opened = 0;
  subjectKeyStoreContract(() => openPostgresSubjectKeyStore(server.db, { schema: keySchema(`keys_${++opened}`) }));

  it('creates its table once when several replicas start together', async () => {
    const schema = keySchema('startup');
    await Promise.all(Array.from({ length: 4 }, () => openPostgresSubjectKeyStore(server.db, { schema })));
    const created = await server.db.query(`select count(*)::int as tables from information_schema.tables where table_schema = $1`, [schema]);
    expect(created).toEqual([{ tables: 2 }]);
  });

  it('ends creators racing on separate connections with one key', async () => {
    const schema = keySchema('race');
    const open = () => openPgDatabase({ connectionString: server.connectionString, maxConnections: 2 });
    const replicas = await Promise.all([1, 2, 3, 4].map(open));
    try {
      const stores = await Promise.all(replicas.map((replica) => openPostgresSubjectKeyStore(replica, { schema })));
      for (let round = 0; round < 10; round++) {
        const subjectId = randomUUID();
        const keys = await Promise.all(
          stores.flatMap((store) =>
            [1, 2].map(() =>
              store.getOrCreate({ subjectId, keyId: randomBytes(6).toString('base64url'), wrappedKey: randomBytes(61), masterKeyVersion: 'mk-x' }),
            ),
          ),
        );
        expect(new Set(keys.map((key) => key.keyId)).size).toBe(1);
      }
      expect(await server.db.query(`select count(*)::int as keys from ${schema}.subject_keys`)).toEqual([{ keys: 10 }]);
    } finally {
      await Promise.all(replicas.map((replica) => replica.close()));
    }
  });

  it('rejects a schema name it could not quote safely', async () => {
    await expect(openPostgresSubjectKeyStore(server.db, { schema: 'Keys; drop table x' })).rejects.toThrow(RangeError);
  });

  describe('rotation and erasure end to end', () => {
    endToEnd(() => openPostgresSubjectKeyStore(server.db, { schema: keySchema('rotation') }));
  });
});

describe('Postgres key store on PGlite', () => {
  let pglite: TestPglite;
  beforeAll(async () => {
    pglite = await testPglite();
  }, SLOW_START);
  afterAll(() => pglite?.cleanup());

  let opened = 0;
  subjectKeyStoreContract(() => openPostgresSubjectKeyStore(pglite.db, { schema: `compliance_keys_${++opened}` }));

  describe('rotation and erasure end to end', () => {
    endToEnd(() => openPostgresSubjectKeyStore(pglite.db, { schema: 'compliance_keys_rotation' }));
  });
});

function endToEnd(openStore: () => Promise<SubjectKeyStore>): void {
  it('keeps every field readable across a rotation, and an erased subject erased', async () => {
    const store = await openStore();
    const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
    const before = new PiiCipher(store, new LocalMasterKeys(oldKey));
    const subjects = Array.from({ length: 25 }, () => randomUUID());
    const fields = await Promise.all(
      subjects.map(async (subject) => {
        const stream = `feature-request-${subject}`;
        return { subject, stream, value: await before.encryptField(subject, stream, 'title', `wish of ${subject}`) };
      }),
    );
    const erasedSubject = subjects[0] as string;
    expect(await before.erase(erasedSubject)).toBe(true);
    expect(await before.erase(erasedSubject)).toBe(false);

    const rotating = new LocalMasterKeys(newKey, [oldKey]);
    const progress: number[] = [];
    const result = await rotateMasterKey(store, rotating, { batchSize: 7, onProgress: ({ done }) => progress.push(done) });

    expect(result).toEqual({ masterKeyVersion: rotating.currentVersion, rewrapped: 24, skipped: 0, interrupted: false });
    expect(progress).toEqual([0, 7, 14, 21, 24]);
    expect(await store.countByMasterKeyVersion()).toEqual(new Map([[rotating.currentVersion, 24]]));
    const after = new PiiCipher(store, new LocalMasterKeys(newKey));
    for (const { subject, stream, value } of fields) {
      expect(await after.decryptField(stream, 'title', value)).toBe(subject === erasedSubject ? ERASED : `wish of ${subject}`);
    }
  });
}
