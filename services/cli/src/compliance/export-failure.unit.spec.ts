import { Metadata, status } from '@grpc/grpc-js';
import { INTERRUPTED_EXIT_CODE } from '../cli-error';
import { exportFailureOf, isGrpcFailure } from './export-failure';

const context = { address: '127.0.0.1:8080', requestId: '5d2b6c1e-9f0a-4b3c-8d7e-6f5a4b3c2d1e' };

describe('exportFailureOf', () => {
  it.each([
    [status.PERMISSION_DENIED, 'Export of another person needs the admin role', /^PERMISSION_DENIED: Export of .* needs the admin role and --reason .*npx frm token --sub <your uuid> --roles admin/],
    [status.UNAUTHENTICATED, 'the access token has expired; sign in again', /^UNAUTHENTICATED: the access token has expired.*npx frm token.*127\.0\.0\.1:8080 is the gateway/],
    [status.INVALID_ARGUMENT, 'reason: is required for a bulk export', /^INVALID_ARGUMENT: reason: is required.*; give --reason/],
    [
      status.UNAVAILABLE,
      'No connection established. Last error: Error: connect ECONNREFUSED 127.0.0.1:8080. Resolution note: ',
      /^compliance did not answer on 127\.0\.0\.1:8080 \(No connection established.*ECONNREFUSED 127\.0\.0\.1:8080\.\); is the platform running \(npm start\)\?/,
    ],
    [status.UNAVAILABLE, 'the subject index is still catching up with the event store; try again in a minute', /^UNAVAILABLE: the subject index .* --request-id 5d2b6c1e/],
    [status.UNIMPLEMENTED, 'frm.v1.ComplianceService does not run behind this gateway', /is 127\.0\.0\.1:8080 the platform's gateway/],
    [status.INTERNAL, 'internal error; try again later', /^the export failed with INTERNAL: internal error; try again later; nothing was written/],
  ])('explains code %s', (code, details, message) => {
    const error = exportFailureOf({ code, details }, context);
    expect(error.message).toMatch(message);
    expect(error.exitCode).toBe(1);
  });

  it('says when to try again after RESOURCE_EXHAUSTED', () => {
    const metadata = new Metadata();
    metadata.set('retry-after', '120');
    expect(exportFailureOf({ code: status.RESOURCE_EXHAUSTED, details: 'an admin may make 10 bulk exports an hour', metadata }, context).message).toBe(
      'RESOURCE_EXHAUSTED: an admin may make 10 bulk exports an hour (retry after 120 s); nothing was written',
    );
  });

  it('ends a cancelled call as an interruption, naming the request id to repeat it', () => {
    const error = exportFailureOf({ code: status.CANCELLED, details: 'Cancelled on client' }, context);
    expect(error.exitCode).toBe(INTERRUPTED_EXIT_CODE);
    expect(error.message).toContain(`--request-id ${context.requestId}`);
  });
});

describe('isGrpcFailure', () => {
  it('tells a gRPC status from other errors', () => {
    expect(isGrpcFailure(Object.assign(new Error('x'), { code: 14, details: 'down' }))).toBe(true);
    expect(isGrpcFailure(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBe(false);
    expect(isGrpcFailure(undefined)).toBe(false);
  });
});
