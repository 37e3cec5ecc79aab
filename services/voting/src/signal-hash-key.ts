import { keptSecret } from '@frm/config';

/** FRM_SIGNAL_HASH_KEY, or the development key kept in the data folder (made on first start). */
export async function signalHashKeyFrom(settings: { FRM_SIGNAL_HASH_KEY?: string | undefined; FRM_DATA_DIR: string }): Promise<Buffer> {
  if (settings.FRM_SIGNAL_HASH_KEY) return Buffer.from(settings.FRM_SIGNAL_HASH_KEY);
  return Buffer.from((await keptSecret(settings.FRM_DATA_DIR, 'signal-hash-key')).secret);
}
