import { randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { fieldAssociatedData, formatEncryptedField, isEncryptedField, parseEncryptedField, subjectOfEncryptedField } from './encrypted-field';

describe('the encrypted field format', () => {
  const parts = { subjectId: randomUUID(), keyId: 'AbC-_123', iv: randomBytes(12), ciphertext: randomBytes(20), tag: randomBytes(16) };

  it('is pii:v1:<subject>:<key id>:<base64url(iv | ciphertext | tag)> and parses back', () => {
    const value = formatEncryptedField(parts);

    expect(value).toMatch(new RegExp(`^pii:v1:${parts.subjectId}:AbC-_123:[A-Za-z0-9_-]+$`));
    expect(parseEncryptedField(value)).toEqual(parts);
    expect(isEncryptedField(value)).toBe(true);
    expect(subjectOfEncryptedField(value)).toBe(parts.subjectId);
  });

  it('parses back the parts of any field it formats', () => {
    const keyId = fc.string({ unit: fc.constantFrom(...'AZaz09_-'), minLength: 1, maxLength: 32 });
    const bytes = (length: number) => fc.uint8Array({ minLength: length, maxLength: length }).map((array) => Buffer.from(array));
    const ciphertext = fc.uint8Array({ maxLength: 300 }).map((array) => Buffer.from(array));
    fc.assert(
      fc.property(fc.uuid(), keyId, bytes(12), ciphertext, bytes(16), (subjectId, id, iv, data, tag) => {
        const field = { subjectId: subjectId.toLowerCase(), keyId: id, iv, ciphertext: data, tag };
        expect(parseEncryptedField(formatEncryptedField(field))).toEqual(field);
        expect(subjectOfEncryptedField(formatEncryptedField(field))).toBe(field.subjectId);
      }),
    );
  });

  it('tells plaintext from encrypted values', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (text) => expect(isEncryptedField(text)).toBe(false)));
    const value = formatEncryptedField(parts);
    const lookalikes = [value.replace('pii:v1', 'pii:v2'), value.replace(parts.subjectId, 'someone'), `${value}=`, `${value}\n`, value.slice(0, 60)];
    for (const lookalike of [...lookalikes, 42, undefined]) {
      expect(isEncryptedField(lookalike)).toBe(false);
    }
  });

  it('gives different associated data for every different binding, however the parts are cut', () => {
    const binding = fc.record({ subjectId: fc.string(), keyId: fc.string(), streamId: fc.string(), field: fc.string() });
    fc.assert(
      fc.property(binding, binding, (a, b) => {
        fc.pre(JSON.stringify(a) !== JSON.stringify(b));
        expect(fieldAssociatedData(a).equals(fieldAssociatedData(b))).toBe(false);
      }),
    );
    expect(fieldAssociatedData({ subjectId: 's', keyId: 'k', streamId: 'a:b', field: 'c' })).not.toEqual(
      fieldAssociatedData({ subjectId: 's', keyId: 'k', streamId: 'a', field: 'b:c' }),
    );
  });

  it('keeps the associated data of stored fields: the JSON array of version, subject, key id, stream and field', () => {
    const binding = fc.record({ subjectId: fc.string(), keyId: fc.string(), streamId: fc.string({ unit: 'grapheme', maxLength: 40 }), field: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('\ud800x', 'a"b\\c', '\u2028', 'é')) });
    fc.assert(
      fc.property(binding, (b) => {
        const stored = Buffer.from(JSON.stringify(['pii:v1', b.subjectId, b.keyId, b.streamId, b.field]), 'utf8');
        expect(fieldAssociatedData(b).equals(stored)).toBe(true);
      }),
    );
  });
});
