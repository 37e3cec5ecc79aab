import { Code, ConnectError } from '@connectrpc/connect';

/** A failed call, told so that a person knows what happened and what to do. */
export interface CallProblem {
  /** The gRPC status name, e.g. `PERMISSION_DENIED`, for people who report the problem. */
  readonly status: string;
  readonly title: string;
  /** The gateway's or service's own words; they are written for people. */
  readonly message: string;
  /** From the `retry-after` trailer of `RESOURCE_EXHAUSTED`. */
  readonly retryAfterSeconds?: number;
  /** Request fields an `INVALID_ARGUMENT` refused (the `frm-field` trailer), so a form can mark them. */
  readonly fields: readonly string[];
  /** The token is missing, expired or refused: signing in again is the way out. */
  readonly needsSignIn: boolean;
  /** The same call may succeed later (the platform was busy or away); other refusals stay refusals. */
  readonly retryable: boolean;
}

const RETRYABLE = new Set([Code.Unknown, Code.Internal, Code.Unavailable, Code.DeadlineExceeded, Code.ResourceExhausted, Code.Aborted, Code.Canceled]);

const TITLES: Partial<Record<Code, string>> = {
  [Code.Canceled]: 'The request was cancelled',
  [Code.InvalidArgument]: 'Please check what you entered',
  [Code.DeadlineExceeded]: 'The platform took too long to answer',
  [Code.NotFound]: 'Not found',
  [Code.AlreadyExists]: 'Already done',
  [Code.PermissionDenied]: 'You are not allowed to do this',
  [Code.ResourceExhausted]: 'Too many requests',
  [Code.FailedPrecondition]: 'This cannot be done now',
  [Code.Aborted]: 'Someone changed this meanwhile',
  [Code.Unimplemented]: 'This platform cannot do that yet',
  [Code.Unavailable]: 'The platform is unavailable',
  [Code.Unauthenticated]: 'Please sign in again',
};

// fetch rejects with a TypeError whose text differs by browser when nothing answers at all.
const NETWORK_FAILURE = /failed to fetch|networkerror|load failed|network request failed/i;

/** What went wrong in a call to the gateway, from whatever the client threw. */
export function describeCallError(error: unknown): CallProblem {
  const failure = ConnectError.from(error);
  const status = statusName(failure.code);
  const unreachable = NETWORK_FAILURE.test(failure.rawMessage);
  const retryAfter = Number.parseInt(failure.metadata.get('retry-after') ?? '', 10);
  const retryAfterSeconds = failure.code === Code.ResourceExhausted && retryAfter > 0 ? retryAfter : undefined;
  return {
    status,
    title: unreachable ? 'The platform cannot be reached' : (TITLES[failure.code] ?? 'Something went wrong on our side'),
    message: unreachable ? 'Check your connection, or whether the platform is running, and try again.' : messageOf(failure),
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    fields: (failure.metadata.get('frm-field') ?? '')
      .split(',')
      .map((field) => field.trim())
      .filter((field) => field !== ''),
    needsSignIn: failure.code === Code.Unauthenticated,
    retryable: unreachable || RETRYABLE.has(failure.code),
  };
}

/** `PermissionDenied` → `PERMISSION_DENIED`, as gRPC and the gateway's logs spell it. */
export function statusName(code: Code): string {
  return (Code[code] ?? 'Unknown').replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}

function messageOf(failure: ConnectError): string {
  const message = failure.rawMessage.trim();
  if (message !== '') return message;
  return failure.code === Code.Internal || failure.code === Code.Unknown ? 'Try again in a moment; if it keeps failing, tell the product team.' : '';
}
