import { status } from '@grpc/grpc-js';
import { CliError, INTERRUPTED_EXIT_CODE } from '../cli-error';
import { isGrpcFailure } from '../compliance/export-failure';

// What grpc-js says when it never reached a server, rather than a status the platform sent.
const NO_CONNECTION = /no connection established|ECONNREFUSED|EHOSTUNREACH|ENOTFOUND|ETIMEDOUT|connection dropped|failed to connect|name resolution failed|DNS resolution failed/i;

/** A failed RecoveryService call as one line naming the cause and the fix; other errors as they are. */
export function recoveryFailureOf(error: unknown, address: string): unknown {
  if (!isGrpcFailure(error)) return error;
  const details = error.details.trim() || status[error.code] || `code ${error.code}`;
  switch (error.code) {
    case status.PERMISSION_DENIED:
      return new CliError(`PERMISSION_DENIED: ${details}; rebuilding and verifying need the admin role: FRM_TOKEN=$(npx frm token --sub <your uuid> --roles admin)`);
    case status.UNAUTHENTICATED:
      return new CliError(`UNAUTHENTICATED: ${details}; mint a token signed with the gateway's secret (npx frm token --sub <your uuid> --roles admin)`);
    case status.FAILED_PRECONDITION:
      return new CliError(`FAILED_PRECONDITION: ${details}${/force_reason/.test(details) ? ' (--force-reason "<why>")' : ''}`);
    case status.ABORTED:
      return new CliError(`ABORTED: ${details}; wait for it to finish (frm dr projections shows it rebuilding) and run again`);
    case status.UNAVAILABLE:
      return NO_CONNECTION.test(details)
        ? new CliError(`the DR orchestrator did not answer through ${address} (${details}); is the platform running (npm start)? Point --address or FRM_GATEWAY_ADDRESS at its gateway`)
        : new CliError(`UNAVAILABLE: ${details}; try again shortly`);
    case status.CANCELLED:
      return new CliError('cancelled; the live copy is as it was', INTERRUPTED_EXIT_CODE);
    default:
      return new CliError(`${status[error.code] ?? `code ${error.code}`}: ${details}`);
  }
}
