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
});
