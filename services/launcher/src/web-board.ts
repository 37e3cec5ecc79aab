import { stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Where `nx run web:build` (and so `npm start`) puts the web board in this checkout. */
export const BUILT_WEB_BOARD = join(__dirname, '../../web/dist');

/**
 * The folder the gateway serves the web board from: FRM_WEB_ROOT when it is set (the gateway
 * refuses to start if it is not there), otherwise the board built in this checkout, if it has
 * been built; without one the platform still runs, gRPC only.
 */
export async function webBoardFrom(
  settings: { readonly FRM_WEB_ROOT?: string | undefined },
  built: string = BUILT_WEB_BOARD,
): Promise<string | undefined> {
  if (settings.FRM_WEB_ROOT !== undefined) return settings.FRM_WEB_ROOT;
  const index = await stat(join(built, 'index.html')).catch(() => undefined);
  return index?.isFile() ? built : undefined;
}
