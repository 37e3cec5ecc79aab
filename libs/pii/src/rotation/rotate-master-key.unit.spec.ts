import { randomBytes, randomUUID } from 'node:crypto';
import { PiiCipher } from '../cipher/pii-cipher';
import { ERASED } from '../format/erased';
import { InMemorySubjectKeyStore } from '../keys/in-memory-subject-key-store';
import { LocalMasterKeys } from '../kms/local-master-keys';
import { masterKeyStatus } from './master-key-status';
import { rotateMasterKey, type RotationProgress } from './rotate-master-key';

describe('rotateMasterKey', () => {
  const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
  const before = new LocalMasterKeys(oldKey);
  const rotating = new LocalMasterKeys(newKey, [oldKey]);
  let store: InMemorySubjectKeyStore;
  let fields: { subject: string; value: string }[];

  beforeEach(async () => {
    store = new InMemorySubjectKeyStore();
    const cipher = new PiiCipher(store, before);
    fields = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const subject = randomUUID();
        return { subject, value: await cipher.encryptField(subject, 'vote-1', 'voter_name', `name of ${subject}`) };
      }),
    );
  });

  it('re-wraps every key under the new master key, and every field stays readable without the old one', async () => {
    const wrappedBefore = new Map((await store.list({ limit: 100 })).map((key) => [key.subjectId, key]));
    const progress: RotationProgress[] = [];

    const result = await rotateMasterKey(store, rotating, { batchSize: 5, onProgress: (step) => progress.push(step) });

    expect(result).toEqual({ masterKeyVersion: rotating.currentVersion, rewrapped: 12, skipped: 0, interrupted: false });
    expect(progress).toEqual([0, 5, 10, 12].map((done) => ({ done, total: 12 })));
    for (const key of await store.list({ limit: 100 })) {
      const old = wrappedBefore.get(key.subjectId);
      expect(key).toMatchObject({ masterKeyVersion: rotating.currentVersion, keyId: old?.keyId, createdAt: old?.createdAt });
      expect(key.wrappedKey.equals(old?.wrappedKey as Buffer)).toBe(false);
      expect(key.rotatedAt).toBeInstanceOf(Date);
    }
    const after = new PiiCipher(store, new LocalMasterKeys(newKey));
    for (const { subject, value } of fields) expect(await after.decryptField('vote-1', 'voter_name', value)).toBe(`name of ${subject}`);
  });

  it('has nothing left to do when run again', async () => {
    await rotateMasterKey(store, rotating);
    expect(await rotateMasterKey(store, rotating)).toEqual({ masterKeyVersion: rotating.currentVersion, rewrapped: 0, skipped: 0, interrupted: false });
  });

  it('stops after the batch in hand when aborted, and a second run finishes the rest', async () => {
    const controller = new AbortController();
    const onProgress = ({ done }: RotationProgress) => done === 5 && controller.abort();

    const stopped = await rotateMasterKey(store, rotating, { batchSize: 5, onProgress, signal: controller.signal });

    expect(stopped).toEqual({ masterKeyVersion: rotating.currentVersion, rewrapped: 5, skipped: 0, interrupted: true });
    expect(await store.countByMasterKeyVersion()).toEqual(new Map([[rotating.currentVersion, 5], [before.currentVersion, 7]]));
    expect(await rotateMasterKey(store, rotating, { batchSize: 5 })).toMatchObject({ rewrapped: 7, interrupted: false });
  });

  it('is not interrupted by an abort after its last batch', async () => {
    const controller = new AbortController();
    const result = await rotateMasterKey(store, rotating, { onProgress: ({ done }) => done === 12 && controller.abort(), signal: controller.signal });
    expect(result).toMatchObject({ rewrapped: 12, interrupted: false });
  });

  it('leaves a subject erased during the rotation erased', async () => {
    const erased = fields[3]?.subject as string;
    const list = store.list.bind(store);
    jest.spyOn(store, 'list').mockImplementationOnce(async (page) => {
      const listed = await list(page);
      await store.delete(erased);
      return listed;
    });

    const result = await rotateMasterKey(store, rotating, { batchSize: 100 });

    expect(result).toMatchObject({ rewrapped: 11, skipped: 1 });
    expect(await store.find(erased)).toBeUndefined();
    const value = fields[3]?.value as string;
    expect(await new PiiCipher(store, rotating).decryptField('vote-1', 'voter_name', value)).toBe(ERASED);
  });
});

describe('masterKeyStatus', () => {
  it('reports the current master key, since when it is in use, and the keys each version wraps', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const store = new InMemorySubjectKeyStore(() => now);
    const kms = new LocalMasterKeys(randomBytes(32));
    await new PiiCipher(store, kms).encryptField(randomUUID(), 's', 'f', 'x');

    expect(await masterKeyStatus(store, kms, now)).toEqual({
      currentVersion: kms.currentVersion,
      createdAt: new Date('2026-01-01T00:00:00Z'),
      ageSeconds: 0,
      keysByVersion: new Map([[kms.currentVersion, 1]]),
    });
    now = new Date('2026-01-31T00:00:00Z');
    expect(await masterKeyStatus(store, kms, now)).toMatchObject({ createdAt: new Date('2026-01-01T00:00:00Z'), ageSeconds: 30 * 86_400 });
  });

  it('prefers the creation time the provider knows', async () => {
    const kms = new LocalMasterKeys(randomBytes(32));
    const made = new Date('2025-06-01T00:00:00Z');
    const provider = Object.assign(Object.create(kms) as LocalMasterKeys, { createdAt: async () => made });
    expect((await masterKeyStatus(new InMemorySubjectKeyStore(), provider, new Date('2025-06-02T00:00:00Z'))).ageSeconds).toBe(86_400);
  });
});
