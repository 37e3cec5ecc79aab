import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { KeyUnwrapError, UnknownMasterKeyVersionError } from '../errors';
import { LocalMasterKeys, masterKeyVersionOf } from './local-master-keys';

describe('LocalMasterKeys', () => {
  const [current, previous] = [randomBytes(32), randomBytes(32)];
  const kms = new LocalMasterKeys(current, [previous]);
  const dataKey = randomBytes(32);

  it('names each master key by a fingerprint of it, the current one first', () => {
    expect(kms.currentVersion).toBe(masterKeyVersionOf(current));
    expect(kms.versions).toEqual([masterKeyVersionOf(current), masterKeyVersionOf(previous)]);
    expect(masterKeyVersionOf(current)).toMatch(/^mk-[A-Za-z0-9_-]{16}$/);
    expect(masterKeyVersionOf(Buffer.from(current))).toBe(kms.currentVersion);
    expect(new LocalMasterKeys(current, [current, previous]).versions).toHaveLength(2);
  });

  it('wraps under the current version and unwraps with the same context', async () => {
    const wrapped = await kms.wrap(dataKey, 'subject a');
    expect(wrapped.masterKeyVersion).toBe(kms.currentVersion);
    expect(wrapped.wrappedKey.includes(dataKey)).toBe(false);
    expect(await kms.unwrap(wrapped, 'subject a')).toEqual(dataKey);
  });

  it('refuses another context, another version label or altered bytes', async () => {
    const wrapped = await kms.wrap(dataKey, 'subject a');
    await expect(kms.unwrap(wrapped, 'subject b')).rejects.toThrow(KeyUnwrapError);
    await expect(kms.unwrap({ ...wrapped, masterKeyVersion: masterKeyVersionOf(previous) }, 'subject a')).rejects.toThrow(KeyUnwrapError);
    const altered = Buffer.from(wrapped.wrappedKey);
    altered[20] = (altered[20] as number) ^ 1;
    await expect(kms.unwrap({ ...wrapped, wrappedKey: altered }, 'subject a')).rejects.toThrow(KeyUnwrapError);
    await expect(kms.unwrap({ ...wrapped, wrappedKey: Buffer.alloc(3) }, 'subject a')).rejects.toThrow(KeyUnwrapError);
  });

  it('unwraps what a previous master key wrapped, and names the setting for one it does not know', async () => {
    const wrappedBefore = await new LocalMasterKeys(previous).wrap(dataKey, 'subject a');
    expect(await kms.unwrap(wrappedBefore, 'subject a')).toEqual(dataKey);

    const forgotten = new LocalMasterKeys(current);
    await expect(forgotten.unwrap(wrappedBefore, 'subject a')).rejects.toThrow(UnknownMasterKeyVersionError);
    await expect(forgotten.unwrap(wrappedBefore, 'subject a')).rejects.toThrow(/FRM_MASTER_KEY_PREVIOUS/);
  });

  it('never prints its keys', () => {
    for (const printed of [JSON.stringify(kms), inspect(kms), String(inspect({ kms }))]) {
      expect(printed).not.toContain(current.toString('base64'));
      expect(printed).not.toContain(current.toString('hex').slice(0, 16));
    }
  });

  it('refuses a key of the wrong length', () => {
    expect(() => new LocalMasterKeys(randomBytes(16))).toThrow(/exactly 32 bytes/);
  });
});
