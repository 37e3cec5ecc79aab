import { randomBytes } from 'node:crypto';
import { InvalidSettingsError, loadSettings } from '@frm/config';
import { masterKeySettings } from './master-key.settings';

function problemOf(env: Record<string, string>): string {
  try {
    loadSettings(masterKeySettings, env);
  } catch (error) {
    if (error instanceof InvalidSettingsError && error.problems.length === 1) return (error.problems[0] as { message: string }).message;
    throw error;
  }
  throw new Error('expected one invalid setting');
}

describe('master key settings', () => {
  const key = randomBytes(32);

  it('read base64 (or base64url, padded or not) of exactly 32 bytes', () => {
    for (const text of [key.toString('base64'), key.toString('base64url'), ` ${key.toString('base64')} `]) {
      expect(loadSettings(masterKeySettings, { FRM_MASTER_KEY: text }).FRM_MASTER_KEY).toEqual(key);
    }
    expect(loadSettings(masterKeySettings, {}).FRM_MASTER_KEY).toBeUndefined();
  });

  it('read previous master keys as a comma-separated list', () => {
    const older = randomBytes(32);
    const settings = loadSettings(masterKeySettings, {
      FRM_MASTER_KEY: key.toString('base64'),
      FRM_MASTER_KEY_PREVIOUS: `${older.toString('base64')}, ${key.toString('base64')}`,
    });
    expect(settings.FRM_MASTER_KEY_PREVIOUS).toEqual([older, key]);
  });

  it('refuse a malformed key in one line that names FRM_MASTER_KEY and how to make one, never the value', () => {
    for (const malformed of ['not a key', randomBytes(16).toString('base64'), randomBytes(33).toString('base64'), `${key.toString('base64')}!`]) {
      const message = problemOf({ FRM_MASTER_KEY: malformed });
      expect(message).toMatch(/^FRM_MASTER_KEY: expected base64 of exactly 32 random bytes, got a hidden value of \d+ characters; /);
      expect(message).toContain('; e.g. the output of: openssl rand -base64 32 (or: node -e ');
      expect(message).toContain(`require('crypto').randomBytes(32).toString('base64')`);
      expect(message).not.toContain('\n');
      expect(message).not.toContain(malformed);
    }
    const previous = problemOf({ FRM_MASTER_KEY_PREVIOUS: `${key.toString('base64')},short` });
    expect(previous).toMatch(/^FRM_MASTER_KEY_PREVIOUS: expected comma-separated base64 keys/);
  });

  it('print as secrets', () => {
    const described = loadSettings(masterKeySettings, { FRM_MASTER_KEY: key.toString('base64') }).describe();
    expect(described).toContain('FRM_MASTER_KEY=[secret]');
    expect(described).not.toContain(key.toString('base64'));
  });
});
