import { InvalidSettingsError, keptSecret, type RunMode } from '@frm/config';
import { LocalMasterKeys } from './local-master-keys';
import { MASTER_KEY_COMMANDS, type MasterKeySettings } from './master-key.settings';

/** Where the embedded mode keeps the master key it makes, inside `FRM_DATA_DIR`. */
export const DEVELOPMENT_MASTER_KEY_FILE = 'master-key';

export interface OpenedMasterKeys {
  readonly kms: LocalMasterKeys;
  /** The file of the development master key when the embedded mode made it on this start, for the log. */
  readonly generatedIn: string | undefined;
}

/**
 * The master keys from settings. The embedded mode without `FRM_MASTER_KEY` uses a key made once and
 * kept in `FRM_DATA_DIR`, since its data lives there too; the server modes refuse to start without one,
 * since a key made on one machine would leave every other replica unable to read personal data.
 * @throws InvalidSettingsError naming FRM_MASTER_KEY and how to generate one
 */
export async function openLocalMasterKeys(
  settings: MasterKeySettings & { readonly FRM_DATA_DIR: string },
  mode: RunMode['kind'],
): Promise<OpenedMasterKeys> {
  const previous = settings.FRM_MASTER_KEY_PREVIOUS ?? [];
  if (settings.FRM_MASTER_KEY) return { kms: new LocalMasterKeys(settings.FRM_MASTER_KEY, previous), generatedIn: undefined };
  if (mode !== 'embedded') {
    throw new InvalidSettingsError([
      {
        name: 'FRM_MASTER_KEY',
        message:
          `FRM_MASTER_KEY: missing; the ${mode} mode needs the master key that wraps every subject's data key ` +
          `(the same on every replica); generate one with: ${MASTER_KEY_COMMANDS}`,
      },
    ]);
  }
  const kept = await keptSecret(settings.FRM_DATA_DIR, DEVELOPMENT_MASTER_KEY_FILE);
  const key = Buffer.from(kept.secret, 'base64url');
  if (key.length !== 32) {
    throw new InvalidSettingsError([
      {
        name: 'FRM_MASTER_KEY',
        message:
          `FRM_MASTER_KEY: unset, and ${kept.path} does not hold base64 of 32 bytes; ` +
          `restore that file, or set FRM_MASTER_KEY (${MASTER_KEY_COMMANDS})`,
      },
    ]);
  }
  return { kms: new LocalMasterKeys(key, previous), generatedIn: kept.created ? kept.path : undefined };
}
