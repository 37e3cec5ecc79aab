import { AccessDeniedError } from '@eventstore/db-client';

/** The hosts of a connection string, without user name or password: fit for error messages and logs. */
export function connectionTarget(connectionString: string): string {
  const match = /^esdb(\+discover)?:\/\/(?:[^@/?]*@)?([^/?]+)/i.exec(connectionString.trim());
  if (!match) return 'the configured EventStoreDB address';
  return match[1] ? `${match[2]} (DNS discovery)` : (match[2] as string);
}

/** One line that says what failed at start-up and what to check. */
export function describeUnreachable(target: string, cause: unknown): string {
  const reason = reasonOf(cause);
  if (cause instanceof AccessDeniedError) {
    return (
      `EventStoreDB at ${target} refused to let this client read $all (${reason}); put the credentials of a user ` +
      `who may read $all in the connection string, e.g. esdb://admin:changeit@${target.split(',')[0]}`
    );
  }
  return (
    `EventStoreDB did not answer at ${target} (${reason}); is the server running and the address right? ` +
    `A server started with --insecure needs tls=false in the connection string, a secure one the CA (tlsCAFile=…)`
  );
}

function reasonOf(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : String(cause);
  const firstLine = message.replace(/\s*Resolution note:.*$/s, '').split('\n')[0]?.trim();
  return firstLine || (cause instanceof Error ? cause.name : 'no reason given');
}
