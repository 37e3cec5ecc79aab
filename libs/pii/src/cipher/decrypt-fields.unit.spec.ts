import { randomBytes } from 'node:crypto';
import { decryptFieldsWith, type DataKeyMaterial } from './decrypt-fields';
import { encryptWithDataKey } from './field-encryption';

describe('decryptFieldsWith', () => {
  const subject = 'a0000000-0000-4000-8000-000000000001';
  const other = 'b0000000-0000-4000-8000-000000000002';
  const key: DataKeyMaterial = { subjectId: subject, keyId: 'k1', material: randomBytes(32) };
  const sealed = (field: string, text: string, streamId = 'stream-1', by: DataKeyMaterial = key) =>
    encryptWithDataKey(Buffer.from(by.material), { subjectId: by.subjectId, keyId: by.keyId, streamId, field }, text);

  it('decrypts each field bound to its stream and name, with the key it names', () => {
    const members = [
      { field: 'body', value: sealed('body', 'Our venue is in Bath') },
      { field: 'title', value: sealed('title', 'Seating plans') },
      { field: 'body', value: sealed('body', '') },
    ];
    expect(decryptFieldsWith([key], 'stream-1', members)).toEqual(['Our venue is in Bath', 'Seating plans', '']);
  });

  it('answers null for a field whose key it was not given: another subject, or another key id of the same subject', () => {
    const theirs: DataKeyMaterial = { subjectId: other, keyId: 'k9', material: randomBytes(32) };
    const rotated: DataKeyMaterial = { ...key, keyId: 'k2', material: randomBytes(32) };
    const members = [
      { field: 'body', value: sealed('body', 'theirs', 'stream-1', theirs) },
      { field: 'body', value: sealed('body', 'rotated', 'stream-1', rotated) },
    ];
    expect(decryptFieldsWith([key], 'stream-1', members)).toEqual([null, null]);
    expect(decryptFieldsWith([key, theirs, rotated], 'stream-1', members)).toEqual(['theirs', 'rotated']);
  });

  it('answers false for a value moved to another stream or field, altered, or not an encrypted field at all', () => {
    const value = sealed('body', 'Our venue is in Bath');
    const altered = `${value.slice(0, -2)}${value.endsWith('AA') ? 'BB' : 'AA'}`;
    const members = [
      { field: 'title', value },
      { field: 'body', value: altered },
      { field: 'body', value: 'pii:v1:not-one' },
      { field: 'body', value: 'plain text' },
    ];
    expect(decryptFieldsWith([key], 'stream-1', members)).toEqual([false, false, false, false]);
    expect(decryptFieldsWith([key], 'stream-2', [{ field: 'body', value }])).toEqual([false]);
  });
});
