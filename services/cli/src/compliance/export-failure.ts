import { status } from '@grpc/grpc-js';
import { CliError, INTERRUPTED_EXIT_CODE } from '../cli-error';

/** The parts of a grpc-js ServiceError that say what went wrong. */
export interface GrpcFailure {
  readonly code: number;
  readonly details: string;
  readonly metadata?: { get(key: string): ReadonlyArray<string | Buffer> };
}

export interface ExportFailureContext {
  /** The gateway's host:port. */
  readonly address: string;
  readonly requestId: string;
}

// What grpc-js says when it never reached a server, rather than a status the platform sent.
const NO_CONNECTION = /no connection established|ECONNREFUSED|EHOSTUNREACH|ENOTFOUND|ETIMEDOUT|connection dropped|failed to connect|name resolution failed|DNS resolution failed/i;

export function isGrpcFailure(error: unknown): error is GrpcFailure {
  const candidate = error as Partial<GrpcFailure> | null;
  return typeof candidate?.code === 'number' && typeof candidate.details === 'string';
}

/** A failed ExportSubjectData call as one line that names the cause and the fix. */
export function exportFailureOf(failure: GrpcFailure, context: ExportFailureContext): CliError {
  const details = failure.details.replace(/\s*Resolution note:\s*$/, '').trim() || status[failure.code] || `code ${failure.code}`;
  const nothingWritten = 'nothing was written';
  switch (failure.code) {
    case status.PERMISSION_DENIED:
      return new CliError(
        `PERMISSION_DENIED: ${details}. A bulk export (another person's data, or more records than the platform's limit) ` +
          'needs the admin role and --reason "<why>"; ' +
          'mint such a token with `npx frm token --sub <your uuid> --roles admin`',
      );
    case status.UNAUTHENTICATED:
      return new CliError(
        `UNAUTHENTICATED: ${details}. Mint a token signed with the gateway's secret (\`npx frm token --sub <your uuid> --roles admin\`) ` +
          `and check that ${context.address} is the gateway, not a service behind it`,
      );
    case status.INVALID_ARGUMENT:
      return new CliError(`INVALID_ARGUMENT: ${details}${/\breason\b/.test(details) ? '; give --reason "<why, in one line>"' : ''}`);
    case status.RESOURCE_EXHAUSTED: {
      const retryAfter = String(failure.metadata?.get('retry-after')[0] ?? '');
      return new CliError(`RESOURCE_EXHAUSTED: ${details}${/^\d+$/.test(retryAfter) ? ` (retry after ${retryAfter} s)` : ''}; ${nothingWritten}`);
    }
    case status.UNAVAILABLE:
      return NO_CONNECTION.test(details)
        ? new CliError(`compliance did not answer on ${context.address} (${details}); is the platform running (npm start)? Point --address or FRM_GATEWAY_ADDRESS at its gateway`)
        : new CliError(`UNAVAILABLE: ${details}; try again shortly with --request-id ${context.requestId} (the same export)`);
    case status.UNIMPLEMENTED:
      return new CliError(`UNIMPLEMENTED: ${details}; is ${context.address} the platform's gateway, with the compliance service behind it?`);
    case status.CANCELLED:
      return new CliError(`export cancelled; ${nothingWritten}. Run again with --request-id ${context.requestId} for the same export`, INTERRUPTED_EXIT_CODE);
    default:
      return new CliError(`the export failed with ${status[failure.code] ?? failure.code}: ${details}; ${nothingWritten}`);
  }
}
