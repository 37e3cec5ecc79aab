import { AccessDeniedError, UnavailableError } from '@eventstore/db-client';
import { connectionTarget, describeUnreachable } from './server-unreachable';

describe('an EventStoreDB server that does not answer', () => {
  it('names the hosts of the connection string, never its credentials', () => {
    expect(connectionTarget('esdb://localhost:2113?tls=false')).toBe('localhost:2113');
    expect(connectionTarget('esdb://admin:changeit@es1:2113,es2:2113?tls=false')).toBe('es1:2113,es2:2113');
    expect(connectionTarget('esdb+discover://admin:secret@cluster.local:2113')).toBe('cluster.local:2113 (DNS discovery)');
    expect(connectionTarget('http://admin:secret@x')).toBe('the configured EventStoreDB address');
  });

  it('says on one line what failed and what to check', () => {
    const refused = new UnavailableError(
      undefined,
      '14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED 127.0.0.1:2113. Resolution note: ',
    );
    const message = describeUnreachable('127.0.0.1:2113', refused);
    expect(message).toBe(
      'EventStoreDB did not answer at 127.0.0.1:2113 (14 UNAVAILABLE: No connection established. Last error: connect ' +
        'ECONNREFUSED 127.0.0.1:2113.); is the server running and the address right? A server started with --insecure ' +
        'needs tls=false in the connection string, a secure one the CA (tlsCAFile=…)',
    );
    expect(message).not.toContain('\n');
    expect(describeUnreachable('es:2113', new Error('no answer within 10 s'))).toContain('(no answer within 10 s)');
  });

  it('asks for credentials when the server refuses to let the client read $all', () => {
    expect(describeUnreachable('es1:2113,es2:2113', new AccessDeniedError(undefined, 'Access denied'))).toBe(
      'EventStoreDB at es1:2113,es2:2113 refused to let this client read $all (Access denied); put the credentials of a ' +
        'user who may read $all in the connection string, e.g. esdb://admin:changeit@es1:2113',
    );
  });
});
