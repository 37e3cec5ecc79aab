import { randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { InvalidSubjectIdError, TamperedFieldError, UnknownMasterKeyVersionError } from '../errors';
import { parseEncryptedField } from '../format/encrypted-field';
import { ERASED } from '../format/erased';
import { InMemorySubjectKeyStore } from '../keys/in-memory-subject-key-store';
import { LocalMasterKeys } from '../kms/local-master-keys';
import { decryptFieldsWith } from './decrypt-fields';
import { PiiCipher } from './pii-cipher';

describe('PiiCipher', () => {
  const kms = new LocalMasterKeys(randomBytes(32));
  let store: InMemorySubjectKeyStore;
  let cipher: PiiCipher;
  const subject = randomUUID();
  const stream = `feature-request-${randomUUID()}`;

  beforeEach(() => {
    store = new InMemorySubjectKeyStore();
    cipher = new PiiCipher(store, kms);
  });

  it('decrypts what it encrypted, for any text, stream and field', async () => {
    const names = fc.string({ minLength: 1 });
    await fc.assert(
      fc.asyncProperty(fc.uuid(), names, names, fc.string({ unit: 'grapheme', maxLength: 500 }), async (who, streamId, field, text) => {
        const value = await cipher.encryptField(who, streamId, field, text);
        expect(value.startsWith(`pii:v1:${who.toLowerCase()}:`)).toBe(true);
        expect(await cipher.decryptField(streamId, field, value)).toBe(text);
      }),
    );
  });

  it('uses a fresh IV for every field: the same text encrypts differently each time', async () => {
    const values = await Promise.all(Array.from({ length: 50 }, () => cipher.encryptField(subject, stream, 'title', 'Same words')));
    expect(new Set(values).size).toBe(50);
    expect(new Set(values.map((value) => parseEncryptedField(value)?.iv.toString('hex'))).size).toBe(50);
  });

  it('keeps one key per subject, whatever the case of the id, and none in the clear', async () => {
    await cipher.encryptField(subject.toUpperCase(), stream, 'title', 'a');
    await cipher.encryptField(subject, stream, 'description', 'b');
    const stored = await store.list({ limit: 10 });
    expect(stored.map((key) => key.subjectId)).toEqual([subject]);
    expect(stored[0]?.masterKeyVersion).toBe(kms.currentVersion);
  });

  it('refuses a field moved to another stream or another field name', async () => {
    const value = await cipher.encryptField(subject, stream, 'title', 'Let guests upload photos');

    await expect(cipher.decryptField(`feature-request-${randomUUID()}`, 'title', value)).rejects.toThrow(TamperedFieldError);
    await expect(cipher.decryptField(stream, 'description', value)).rejects.toThrow(
      `The encrypted field "description" of stream "${stream}" does not verify: it was altered, or moved from another stream or field`,
    );
  });

  it('refuses a field re-labelled with another subject’s key, and shows nothing for a key id that is gone', async () => {
    const other = randomUUID();
    const theirs = parseEncryptedField(await cipher.encryptField(other, stream, 'title', 'their key exists'));
    const value = await cipher.encryptField(subject, stream, 'title', 'mine');
    const mine = parseEncryptedField(value);

    const relabelled = value.replace(`${subject}:${mine?.keyId}:`, `${other}:${theirs?.keyId}:`);
    await expect(cipher.decryptField(stream, 'title', relabelled)).rejects.toThrow(TamperedFieldError);
    // No key is left to check it against: the same as an erased key, and it reveals nothing.
    expect(await cipher.decryptField(stream, 'title', value.replace(subject, other))).toBe(ERASED);
  });

  it('refuses any altered byte of the IV, ciphertext or tag', async () => {
    const value = await cipher.encryptField(subject, stream, 'title', 'Seating chart export');
    const prefix = value.slice(0, value.lastIndexOf(':') + 1);
    const payload = Buffer.from(value.slice(prefix.length), 'base64url');
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: payload.length - 1 }), fc.integer({ min: 1, max: 255 }), async (index, flip) => {
        const altered = Buffer.from(payload);
        altered[index] = (altered[index] as number) ^ flip;
        await expect(cipher.decryptField(stream, 'title', prefix + altered.toString('base64url'))).rejects.toThrow(TamperedFieldError);
      }),
    );
  });

  it('refuses values that are not encrypted fields', async () => {
    for (const value of ['plain text', 'pii:v1:', `pii:v1:${subject}:k:short`]) {
      await expect(cipher.decryptField(stream, 'title', value)).rejects.toThrow(/is not an encrypted field/);
    }
  });

  it('reads an erased subject’s fields as [erased], here and in another process, and never throws', async () => {
    const elsewhere = new PiiCipher(store, kms);
    const value = await cipher.encryptField(subject, stream, 'title', 'Vendor reviews');
    expect(await elsewhere.decryptField(stream, 'title', value)).toBe('Vendor reviews');

    expect(await cipher.erase(subject)).toBe(true);
    expect(await cipher.erase(subject)).toBe(false);
    elsewhere.forget(subject);

    expect(await cipher.decryptField(stream, 'title', value)).toBe(ERASED);
    expect(await elsewhere.decryptField(stream, 'title', value)).toBe(ERASED);
    expect(await new PiiCipher(store, kms).decryptField(stream, 'title', value)).toBe(ERASED);
  });

  it('sees an erasure made elsewhere once its cached key expires', async () => {
    let now = 0;
    const cached = new PiiCipher(store, kms, { cacheTtlMs: 1_000, now: () => now });
    const value = await cipher.encryptField(subject, stream, 'title', 'Budget tracker');
    expect(await cached.decryptField(stream, 'title', value)).toBe('Budget tracker');
    await store.delete(subject);
    now = 1_000;
    expect(await cached.decryptField(stream, 'title', value)).toBe(ERASED);
  });

  it('keeps old fields erased when a subject gets a new key after erasure', async () => {
    const before = await cipher.encryptField(subject, stream, 'title', 'before');
    await cipher.erase(subject);
    const after = await cipher.encryptField(subject, stream, 'title', 'after');

    expect(parseEncryptedField(after)?.keyId).not.toBe(parseEncryptedField(before)?.keyId);
    expect(await cipher.decryptField(stream, 'title', before)).toBe(ERASED);
    expect(await cipher.decryptField(stream, 'title', after)).toBe('after');
    expect(await new PiiCipher(store, kms).decryptField(stream, 'title', before)).toBe(ERASED);
  });

  it('asks the key table once for many fields of one subject, even at the same time', async () => {
    const values = await Promise.all(['a', 'b', 'c'].map((text) => cipher.encryptField(subject, stream, text, text)));
    const reader = new PiiCipher(store, kms);
    const find = jest.spyOn(store, 'find');
    const texts = await Promise.all([...values, ...values].map((value, i) => reader.decryptField(stream, ['a', 'b', 'c'][i % 3] as string, value)));
    expect(texts).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
    expect(find).toHaveBeenCalledTimes(1);
  });

  it('loads many subjects’ keys in one round trip with warm', async () => {
    const subjects = [randomUUID(), randomUUID(), randomUUID()];
    const values = await Promise.all(subjects.map((who) => cipher.encryptField(who, stream, 'name', who)));
    const reader = new PiiCipher(store, kms);
    const find = jest.spyOn(store, 'find');
    const findMany = jest.spyOn(store, 'findMany');

    await reader.warm([...subjects, randomUUID()]);
    expect(await Promise.all(values.map((value) => reader.decryptField(stream, 'name', value)))).toEqual(subjects);
    expect(findMany).toHaveBeenCalledTimes(1);
    expect(find).not.toHaveBeenCalled();
  });

  it('makes one key for a new subject written by two processes at once', async () => {
    const [a, b] = [new PiiCipher(store, kms), new PiiCipher(store, kms)];
    const [fromA, fromB] = await Promise.all([a.encryptField(subject, stream, 'title', 'A'), b.encryptField(subject, stream, 'title', 'B')]);
    expect(parseEncryptedField(fromA)?.keyId).toBe(parseEncryptedField(fromB)?.keyId);
    expect(await b.decryptField(stream, 'title', fromA)).toBe('A');
  });

  it('refuses a subject id that is not a UUID', async () => {
    await expect(cipher.encryptField('alice@example.com', stream, 'title', 'x')).rejects.toThrow(InvalidSubjectIdError);
  });

  it('fails loudly when the master key that wrapped a key is not configured', async () => {
    const value = await cipher.encryptField(subject, stream, 'title', 'x');
    const otherMasterKey = new PiiCipher(store, new LocalMasterKeys(randomBytes(32)));
    await expect(otherMasterKey.decryptField(stream, 'title', value)).rejects.toThrow(UnknownMasterKeyVersionError);
  });
});

describe('PiiCipher.decryptFieldIfKeyInMemory', () => {
  const subject = 'b0000000-0000-4000-8000-000000000002';

  it('decrypts at once with a key in memory, asks for the slow path without one, and reads [erased] once the key is known gone', async () => {
    const store = new InMemorySubjectKeyStore();
    const kms = new LocalMasterKeys(Buffer.alloc(32, 9));
    const writer = new PiiCipher(store, kms);
    const value = await writer.encryptField(subject, 'stream-1', 'title', 'Table plan');
    expect(writer.decryptFieldIfKeyInMemory('stream-1', 'title', value)).toBe('Table plan');

    const reader = new PiiCipher(store, kms);
    expect(reader.decryptFieldIfKeyInMemory('stream-1', 'title', value)).toBeUndefined();
    await reader.warm([subject]);
    expect(reader.decryptFieldIfKeyInMemory('stream-1', 'title', value)).toBe('Table plan');
    expect(() => reader.decryptFieldIfKeyInMemory('stream-2', 'title', value)).toThrow(TamperedFieldError);

    await writer.erase(subject);
    reader.forget(subject);
    expect(reader.decryptFieldIfKeyInMemory('stream-1', 'title', value)).toBeUndefined();
    expect(await reader.decryptField('stream-1', 'title', value)).toBe(ERASED);
    expect(reader.decryptFieldIfKeyInMemory('stream-1', 'title', value)).toBe(ERASED);
  });
});

describe('PiiCipher.decryptFields', () => {
  const [warm, cold, erased] = ['c0000000-0000-4000-8000-000000000003', 'd0000000-0000-4000-8000-000000000004', 'e0000000-0000-4000-8000-000000000005'];
  it('answers per field what decryptField answers: plaintext with keys in memory or still to load, [erased], and the error of a moved value', async () => {
    const store = new InMemorySubjectKeyStore();
    const kms = new LocalMasterKeys(Buffer.alloc(32, 5));
    const writer = new PiiCipher(store, kms);
    const members = [
      { field: 'body', value: await writer.encryptField(warm, 'stream-1', 'body', 'Warm comment') },
      { field: 'body', value: await writer.encryptField(cold, 'stream-1', 'body', 'Cold comment') },
      { field: 'body', value: await writer.encryptField(erased, 'stream-1', 'body', 'Erased comment') },
      { field: 'body', value: await writer.encryptField(warm, 'stream-1', 'title', 'Moved title') },
    ];
    await writer.erase(erased);
    const reader = new PiiCipher(store, kms);
    await reader.warm([warm]);

    const [first, second, third, moved] = await reader.decryptFields('stream-1', members);
    expect([first, second, third]).toEqual(['Warm comment', 'Cold comment', ERASED]);
    expect(moved).toBeInstanceOf(TamperedFieldError);
    expect((moved as TamperedFieldError).message).toContain('does not verify');
    expect(await reader.decryptFields('stream-2', members.slice(0, 1))).toEqual([expect.any(TamperedFieldError)]);
  });

  it('hands out copies of the keys in memory only, whatever case the subject is named in', async () => {
    const store = new InMemorySubjectKeyStore();
    const kms = new LocalMasterKeys(Buffer.alloc(32, 6));
    const value = await new PiiCipher(store, kms).encryptField(warm, 'stream-1', 'body', 'Kept');
    const reader = new PiiCipher(store, kms);
    expect(reader.dataKeysInMemory([warm])).toEqual([]);
    await reader.warm([warm, cold]);
    const keys = reader.dataKeysInMemory([warm.toUpperCase(), warm, cold, erased]);
    expect(keys.map((key) => key.subjectId)).toEqual([warm]);
    expect(decryptFieldsWith(keys, 'stream-1', [{ field: 'body', value }])).toEqual(['Kept']);
    (keys[0]?.material as Uint8Array).fill(0);
    expect(await reader.decryptField('stream-1', 'body', value)).toBe('Kept');
  });
});
