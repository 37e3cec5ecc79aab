/** The metrics listener's port is taken (or the address is not this host's). */
export class MetricsPortUnavailableError extends Error {
  override readonly name = 'MetricsPortUnavailableError';
  constructor(service: string, address: string, portSetting: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `the ${service} metrics listener cannot listen on ${address} (${reason}); is another process using that port? ` +
        `Stop it, or set ${portSetting} to a free port (0 picks one)`,
    );
  }
}
