import { custom, defineSettings, type Setting, type SettingsOf } from '@frm/config';
import { z } from 'zod';

const MASTER_KEY_BYTES = 32;

/** The commands that make a master key, for every message that asks for one. */
export const MASTER_KEY_COMMANDS =
  'openssl rand -base64 32 (or: node -e "console.log(require(\'crypto\').randomBytes(32).toString(\'base64\'))")';

// Standard or URL-safe alphabet, padded or not: 43 characters carry 32 bytes.
const base64Key = z
  .string()
  .regex(/^[A-Za-z0-9+/_-]{43}=?$/)
  .transform((text) => Buffer.from(text, 'base64'))
  .refine((key) => key.length === MASTER_KEY_BYTES);

function masterKey(): Setting<Buffer> {
  return custom({
    schema: base64Key,
    expected: `base64 of exactly ${MASTER_KEY_BYTES} random bytes`,
    example: `the output of: ${MASTER_KEY_COMMANDS}`,
  }).secret();
}

function masterKeyList(): Setting<readonly Buffer[]> {
  const schema = z
    .string()
    .transform((text) => text.split(',').map((part) => part.trim()))
    .pipe(z.array(base64Key).min(1))
    .transform((keys): readonly Buffer[] => Object.freeze(keys));
  return custom({
    schema,
    expected: `comma-separated base64 keys of exactly ${MASTER_KEY_BYTES} bytes each`,
    example: 'the former FRM_MASTER_KEY',
  }).secret();
}

/**
 * The master keys that wrap every data subject's key. `FRM_MASTER_KEY` wraps new keys;
 * `FRM_MASTER_KEY_PREVIOUS` still unwraps keys wrapped before a rotation, until the rotation has
 * re-wrapped them all. Spread into a service's settings; see {@link openLocalMasterKeys}.
 */
export const masterKeySettings = defineSettings({
  FRM_MASTER_KEY: masterKey()
    .optional()
    .describe('wraps the per-subject keys that encrypt personal data; the embedded mode makes one under FRM_DATA_DIR when unset'),
  FRM_MASTER_KEY_PREVIOUS: masterKeyList()
    .optional()
    .describe('earlier master keys, comma-separated, still read until the master key rotation has re-wrapped every key'),
});

export type MasterKeySettings = SettingsOf<typeof masterKeySettings>;
