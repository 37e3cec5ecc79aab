/** Raised at start when the web root to serve is not a readable folder; the message names the setting. */
export class WebRootUnavailableError extends Error {
  override readonly name = 'WebRootUnavailableError';

  constructor(webRoot: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`the gateway cannot serve the web board from ${webRoot} (${reason}); build the board there, or point FRM_WEB_ROOT at its build folder, or unset it`, {
      cause,
    });
  }
}
