import { loadSettings, runModeSettings } from '@frm/config';
import { runModeKindOf } from '@frm/compliance';
import { MASTER_KEY_COMMANDS, masterKeySettings, openLocalMasterKeys, type LocalMasterKeys } from '@frm/pii';
import { CliError } from '../cli-error';

/**
 * The master keys from FRM_MASTER_KEY and FRM_MASTER_KEY_PREVIOUS, read as the compliance service
 * reads them; the embedded mode's development key in FRM_DATA_DIR when FRM_MASTER_KEY is unset.
 * @param why what the command does with FRM_MASTER_KEY, for the message when it is missing
 */
export async function openCliMasterKeys(why: string): Promise<LocalMasterKeys> {
  const settings = loadSettings({ ...runModeSettings, ...masterKeySettings });
  const mode = runModeKindOf(settings);
  if (settings.FRM_MASTER_KEY === undefined && mode !== 'embedded') {
    throw new CliError(`FRM_MASTER_KEY is not set; ${why} (a new master key: ${MASTER_KEY_COMMANDS})`);
  }
  return (await openLocalMasterKeys(settings, mode)).kms;
}
