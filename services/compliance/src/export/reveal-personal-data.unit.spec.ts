import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { JsonObject, JsonValue } from '@frm/event-store';
import { InMemorySubjectKeyStore, isEncryptedField, LocalMasterKeys, PiiCipher, ERASED, TamperedFieldError } from '@frm/pii';
import { copyFinding, mayHoldEncrypted, revealPersonalData, revealPersonalDataOf, UNREADABLE, type FoundMember } from './reveal-personal-data';

const subject = 'a0000000-0000-4000-8000-000000000001';

describe('revealPersonalData', () => {
  it('decrypts encrypted members by their path, leaves plaintext alone, and reads [erased] once the key is gone', async () => {
    const cipher = new PiiCipher(new InMemorySubjectKeyStore(), new LocalMasterKeys(Buffer.alloc(32, 7)));
    const data = {
      title: await cipher.encryptField(subject, 's', 'title', 'Guest photo uploads'),
      tags: ['plain', await cipher.encryptField(subject, 's', 'tags.1', 'secret tag')],
      moved: await cipher.encryptField(subject, 's', 'title', 'moved from another field'),
      count: 3,
    };
    expect(await revealPersonalData(cipher, 's', data)).toEqual({ title: 'Guest photo uploads', tags: ['plain', 'secret tag'], moved: UNREADABLE, count: 3 });
    await cipher.erase(subject);
    expect((await revealPersonalData(cipher, 's', data))['title']).toBe(ERASED);
  });

  it('reveals what a member-by-member reading of each event reveals, with keys in memory, keys still to load, erased keys and moved values', async () => {
    const keys = new InMemorySubjectKeyStore();
    const masterKeys = new LocalMasterKeys(Buffer.alloc(32, 9));
    const writer = new PiiCipher(keys, masterKeys);
    const [warm, cold, erased] = [randomUUID(), randomUUID(), randomUUID()];
    const reader = async () => {
      const cipher = new PiiCipher(keys, masterKeys);
      await cipher.warm([warm]);
      return cipher;
    };
    const key = fc.constantFrom('title', 'body', 'tags', 'weddingContext', 'a', 'b', '0', 'x y');
    const leaf = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.record({ sealedFor: fc.constantFrom(warm, cold, erased), text: fc.string({ unit: 'grapheme' }), moved: fc.boolean() }),
    );
    const tree = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(key, tie('node'), { maxKeys: 4 })),
    })).node;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.dictionary(key, tree, { maxKeys: 5 }), { minLength: 1, maxLength: 3 }), async (shapes) => {
        const events: JsonObject[] = [];
        for (const shape of shapes) events.push((await seal(writer, 'stream-1', shape, '')) as JsonObject);
        await writer.erase(erased);
        const one = await reader();
        const expected: JsonObject[] = [];
        for (const data of events) expected.push(await memberByMember(one, 'stream-1', data));
        const revealed = await revealPersonalDataOf(await reader(), 'stream-1', events);
        expect(JSON.stringify(revealed)).toBe(JSON.stringify(expected));
      }),
      { numRuns: 150 },
    );
  });

  it('hands back data without encrypted members as it is', async () => {
    const data = { voteId: 'v', weight: 2, tags: ['a', { deep: true }] };
    const cipher = new PiiCipher(new InMemorySubjectKeyStore(), new LocalMasterKeys(Buffer.alloc(32, 7)));
    expect(await revealPersonalData(cipher, 's', data)).toBe(data);
  });
});

describe('copyFinding', () => {
  it('copies the data and lists each encrypted member with its path and the copy it goes into, leaving look-alikes and the original alone', async () => {
    const cipher = new PiiCipher(new InMemorySubjectKeyStore(), new LocalMasterKeys(Buffer.alloc(32, 7)));
    const [title, tag] = [await cipher.encryptField(subject, 's', 'title', 'T'), await cipher.encryptField(subject, 's', 'tags.1', 'x')];
    const data: JsonObject = { title, tags: ['plain', tag], note: 'pii: not one', count: 3 };
    expect(mayHoldEncrypted(data)).toBe(true);
    expect(mayHoldEncrypted({ note: 'plain', tags: ['a', { deep: 1 }] })).toBe(false);

    const found: FoundMember[] = [];
    const copy = copyFinding(data, '', found) as JsonObject;
    expect(copy).toEqual(data);
    expect(copy).not.toBe(data);
    expect(found.map(({ field, key, value }) => ({ field, key, value }))).toEqual([
      { field: 'title', key: 'title', value: title },
      { field: 'tags.1', key: '1', value: tag },
    ]);
    (found[1] as FoundMember).holder['1'] = 'revealed';
    expect(copy['tags']).toEqual(['plain', 'revealed']);
    expect(data['tags']).toEqual(['plain', tag]);
  });
});

/** Encrypts the members of `shape` marked `sealedFor`, bound to their path (or, when `moved`, to another). */
async function seal(cipher: PiiCipher, streamId: string, shape: unknown, path: string): Promise<JsonValue> {
  const at = (key: string) => (path === '' ? key : `${path}.${key}`);
  if (Array.isArray(shape)) return Promise.all(shape.map((item, index) => seal(cipher, streamId, item, at(String(index)))));
  if (shape !== null && typeof shape === 'object') {
    const sealed = shape as { sealedFor?: string; text?: string; moved?: boolean };
    if (typeof sealed.sealedFor === 'string' && typeof sealed.text === 'string') {
      return cipher.encryptField(sealed.sealedFor, streamId, sealed.moved ? `${path}-elsewhere` : path, sealed.text);
    }
    const copy: JsonObject = {};
    for (const [key, item] of Object.entries(shape)) copy[key] = await seal(cipher, streamId, item, at(key));
    return copy;
  }
  return shape as JsonValue;
}

/** The reference: every encrypted member found with its path first, then decrypted one by one. */
async function memberByMember(cipher: PiiCipher, streamId: string, data: JsonObject): Promise<JsonObject> {
  const found: Array<{ path: string; value: string }> = [];
  const collect = (value: JsonValue, path: string): void => {
    const at = (key: string) => (path === '' ? key : `${path}.${key}`);
    if (typeof value === 'string' && isEncryptedField(value)) found.push({ path, value });
    else if (Array.isArray(value)) value.forEach((item, index) => collect(item, at(String(index))));
    else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) collect(item as JsonValue, at(key));
  };
  collect(data, '');
  const revealed = new Map<string, string>();
  for (const { path, value } of found) {
    try {
      revealed.set(path, await cipher.decryptField(streamId, path, value));
    } catch (error) {
      if (!(error instanceof TamperedFieldError)) throw error;
      revealed.set(path, UNREADABLE);
    }
  }
  const replace = (value: JsonValue, path: string): JsonValue => {
    const at = (key: string) => (path === '' ? key : `${path}.${key}`);
    if (typeof value === 'string') return revealed.get(path) ?? value;
    if (Array.isArray(value)) return value.map((item, index) => replace(item, at(String(index))));
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replace(item as JsonValue, at(key))]));
    return value;
  };
  return replace(data, '') as JsonObject;
}
