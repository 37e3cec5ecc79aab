/** Raised at start-up when the database cannot be reached; the message says what to check. */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
  }
}

export function describeUnreachable(target: string, cause: unknown): string {
  const code = (cause as { code?: string } | undefined)?.code;
  const reason = code ?? (cause instanceof Error ? cause.message : String(cause));
  return (
    `Postgres did not answer at ${target} (${reason}); is the server running and the URL right? ` +
    `On this machine start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`
  );
}
