/** Raised when the gateway's port cannot be bound; the message names the setting that moves it. */
export class GatewayPortUnavailableError extends Error {
  override readonly name = 'GatewayPortUnavailableError';

  constructor(address: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `the gateway cannot listen on ${address} (${reason}); is another process using that port? ` +
        `Stop it, or set FRM_GATEWAY_PORT to a free port (0 picks one)`,
      { cause },
    );
  }
}
