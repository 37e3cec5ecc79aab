import { randomBytes, randomUUID } from 'node:crypto';
import type { NewSubjectKey, SubjectKeyStore } from './subject-key-store.port';

/** What every {@link SubjectKeyStore} adapter must do; each adapter's tests run it with a fresh store. */
export function subjectKeyStoreContract(openStore: () => Promise<SubjectKeyStore>): void {
  let store: SubjectKeyStore;
  beforeEach(async () => {
    store = await openStore();
  });

  const candidate = (subjectId: string = randomUUID(), masterKeyVersion = 'mk-one'): NewSubjectKey => ({
    subjectId,
    keyId: randomBytes(6).toString('base64url'),
    wrappedKey: randomBytes(61),
    masterKeyVersion,
  });

  it('keeps the first key made for a subject and gives it to every later creator', async () => {
    const first = candidate();
    const stored = await store.getOrCreate(first);
    expect(stored).toMatchObject({ ...first, rotatedAt: undefined });
    expect(stored.createdAt).toBeInstanceOf(Date);

    expect(await store.getOrCreate(candidate(first.subjectId))).toEqual(stored);
    expect(await store.find(first.subjectId)).toEqual(stored);
    expect(await store.find(randomUUID())).toBeUndefined();
  });

  it('ends racing creators with one key', async () => {
    const subjectId = randomUUID();
    const results = await Promise.all(Array.from({ length: 8 }, () => store.getOrCreate(candidate(subjectId))));

    expect(new Set(results.map((key) => key.keyId)).size).toBe(1);
    expect((await store.find(subjectId))?.keyId).toBe(results[0]?.keyId);
  });

  it('finds many keys at once, ignoring subjects without one', async () => {
    const [a, b] = [await store.getOrCreate(candidate()), await store.getOrCreate(candidate())];
    const found = await store.findMany([a.subjectId, randomUUID(), b.subjectId, a.subjectId]);
    expect(found.map((key) => key.subjectId).sort()).toEqual([a.subjectId, b.subjectId].sort());
    expect(await store.findMany([])).toEqual([]);
  });

  it('deletes idempotently, saying whether there was a key', async () => {
    const key = await store.getOrCreate(candidate());

    expect(await store.delete(key.subjectId)).toBe(true);
    expect(await store.delete(key.subjectId)).toBe(false);
    expect(await store.find(key.subjectId)).toBeUndefined();
    const remade = await store.getOrCreate(candidate(key.subjectId));
    expect(remade.keyId).not.toBe(key.keyId);
  });

  it('lists keys in subject order, page by page, leaving out a master key version', async () => {
    const made = await Promise.all(Array.from({ length: 5 }, (_, i) => store.getOrCreate(candidate(undefined, i < 3 ? 'mk-old' : 'mk-new'))));
    const old = made.filter((key) => key.masterKeyVersion === 'mk-old').map((key) => key.subjectId).sort();

    const first = await store.list({ notWrappedBy: 'mk-new', limit: 2 });
    const second = await store.list({ notWrappedBy: 'mk-new', after: first[1]?.subjectId, limit: 2 });
    expect([...first, ...second].map((key) => key.subjectId)).toEqual(old);
    expect(await store.list({ limit: 10 })).toHaveLength(5);
  });

  it('re-wraps only keys still there, with the same id and master key version', async () => {
    const [kept, erased, otherVersion] = await Promise.all([1, 2, 3].map(() => store.getOrCreate(candidate())));
    await store.delete(erased.subjectId);
    const rewrap = (key: typeof kept, fromVersion = key.masterKeyVersion) => ({
      subjectId: key.subjectId,
      keyId: key.keyId,
      fromVersion,
      toVersion: 'mk-two',
      wrappedKey: randomBytes(61),
    });
    const rewraps = [rewrap(kept), rewrap(erased), rewrap(otherVersion, 'mk-elsewhere'), { ...rewrap(otherVersion), keyId: 'another' }];

    expect(await store.rewrap(rewraps)).toEqual([kept.subjectId]);
    const after = await store.find(kept.subjectId);
    expect(after).toMatchObject({ keyId: kept.keyId, masterKeyVersion: 'mk-two', wrappedKey: rewraps[0]?.wrappedKey, createdAt: kept.createdAt });
    expect(after?.rotatedAt).toBeInstanceOf(Date);
    expect(await store.find(erased.subjectId)).toBeUndefined();
    expect(await store.find(otherVersion.subjectId)).toEqual(otherVersion);
    expect(await store.rewrap([])).toEqual([]);
  });

  it('counts keys by master key version and remembers when a version was first used', async () => {
    await Promise.all(['mk-a', 'mk-a', 'mk-b'].map((version) => store.getOrCreate(candidate(undefined, version))));
    expect(await store.countByMasterKeyVersion()).toEqual(new Map([['mk-a', 2], ['mk-b', 1]]));

    const first = await store.recordMasterKeyVersion('mk-a');
    expect(first).toBeInstanceOf(Date);
    expect(await store.recordMasterKeyVersion('mk-a')).toEqual(first);
  });
}
