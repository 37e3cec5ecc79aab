import { status } from '@grpc/grpc-js';
import {
  AbortedError,
  AlreadyExistsError,
  FailedPreconditionError,
  NotFoundError,
  PermissionDeniedError,
  UnauthenticatedError,
  UnavailableError,
} from './application-errors';
import { InvalidArgumentError } from './invalid-argument.error';
import { ResourceExhaustedError } from './resource-exhausted.error';
import { INTERNAL_ERROR_MESSAGE, isServerFault, toGrpcStatus } from './to-grpc-status';

/** Stands in for another library's error class: only the name is shared, as in production. */
function foreignError(name: string, message: string, extra: Record<string, unknown> = {}): Error {
  const error = Object.assign(new Error(message), extra);
  Object.defineProperty(error, 'name', { value: name });
  return error;
}

describe('toGrpcStatus', () => {
  it.each([
    [new InvalidArgumentError('title', 'must be 1 to 140 characters', 153), status.INVALID_ARGUMENT, 'title: must be 1 to 140 characters, got 153'],
    [new NotFoundError('feature request', 'fr-1'), status.NOT_FOUND, 'feature request fr-1 was not found'],
    [new AlreadyExistsError('you already voted on fr-1; retract that vote to vote again'), status.ALREADY_EXISTS, 'you already voted on fr-1; retract that vote to vote again'],
    [new FailedPreconditionError('fr-1 is shipped; only open requests can be edited'), status.FAILED_PRECONDITION, 'fr-1 is shipped; only open requests can be edited'],
    [new AbortedError(), status.ABORTED, 'the request changed meanwhile; reload and try again'],
    [new PermissionDeniedError('changing the status needs the product-team role'), status.PERMISSION_DENIED, 'changing the status needs the product-team role'],
    [new UnauthenticatedError(), status.UNAUTHENTICATED, 'sign in again: the access token is missing, expired or invalid'],
    [new ResourceExhaustedError(30), status.RESOURCE_EXHAUSTED, 'too many requests; try again in 30 s'],
    [new UnavailableError(), status.UNAVAILABLE, 'the service is unavailable for a moment; try again shortly'],
  ])('maps %s to its code and message', (error, code, details) => {
    expect(toGrpcStatus(error)).toMatchObject({ code, details });
  });

  it.each([
    ['the database restarting (pg admin_shutdown)', foreignError('error', 'terminating connection due to administrator command', { code: '57P01' })],
    ['the database starting up', foreignError('error', 'the database system is starting up', { code: '57P03' })],
    ['a connection exception', foreignError('error', 'connection failure', { code: '08006' })],
    ['a connection that ended under pg', new Error('Connection terminated unexpectedly')],
    ['a refused connection', foreignError('Error', 'connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED' })],
    ['another service unreachable over gRPC', foreignError('Error', '14 UNAVAILABLE: No connection established', { code: 14, metadata: {} })],
  ])('answers UNAVAILABLE, which a caller may retry, for %s', (_, error) => {
    expect(toGrpcStatus(error)).toMatchObject({ code: status.UNAVAILABLE, details: 'the service is unavailable for a moment; try again shortly' });
  });

  it('keeps INTERNAL for a database error that is no outage', () => {
    expect(toGrpcStatus(foreignError('error', 'relation "x" does not exist', { code: '42P01' })).code).toBe(status.INTERNAL);
    expect(toGrpcStatus(foreignError('Error', '3 INVALID_ARGUMENT: bad', { code: 3, metadata: {} })).code).toBe(status.INTERNAL);
  });

  it('puts each refused field into the frm-field trailer', () => {
    const error = new InvalidArgumentError([
      { field: 'title', rule: 'must be 1 to 140 characters', got: 153 },
      { field: 'rice.reach', rule: 'must be 0 or more', got: -4 },
      { rule: 'give either a supplier type or a couple id' },
    ]);

    const { details, metadata } = toGrpcStatus(error);

    expect(details).toBe('title: must be 1 to 140 characters, got 153; rice.reach: must be 0 or more, got -4; give either a supplier type or a couple id');
    expect(metadata.get('frm-field')).toEqual(['title', 'rice.reach']);
  });

  it('leaves out a field name that a gRPC trailer cannot carry', () => {
    expect(toGrpcStatus(new InvalidArgumentError('título', 'must not be empty')).metadata.get('frm-field')).toEqual([]);
  });

  it('sends retry-after with RESOURCE_EXHAUSTED, in whole seconds', () => {
    const { metadata } = toGrpcStatus(new ResourceExhaustedError(1.2, 'at most 500 requests a minute per user; wait a little'));

    expect(metadata.get('retry-after')).toEqual(['2']);
  });

  it.each([
    ['WrongExpectedRevisionError', 'Stream feature-request-1 was expected at 3 but is at 4', status.ABORTED, AbortedError.DEFAULT_MESSAGE],
    [
      'EventIdReusedError',
      'Event id(s) e-1 already belong to another append than this one to vote-1-2',
      status.ALREADY_EXISTS,
      'this command id was already used for a different command; send a new command id',
    ],
    ['DatabaseUnavailableError', 'Postgres did not answer at 10.0.0.5:5432 (ECONNREFUSED)', status.UNAVAILABLE, UnavailableError.DEFAULT_MESSAGE],
  ])('maps %s from another library by its name, without its internal message', (name, message, code, details) => {
    const status_ = toGrpcStatus(foreignError(name, message));

    expect(status_).toMatchObject({ code, details });
    expect(status_.details).not.toContain(message);
  });

  it('maps InvalidEventError to INVALID_ARGUMENT naming the field its schema violation names', () => {
    const cause = { field: 'title', reason: 'must be a string' };
    const error = foreignError('InvalidEventError', 'Refused to append to feature-request-1: …', { cause });

    const { code, details, metadata } = toGrpcStatus(error);

    expect({ code, details, field: metadata.get('frm-field') }).toEqual({
      code: status.INVALID_ARGUMENT,
      details: 'title: must be a string',
      field: ['title'],
    });
  });

  it('maps InvalidEventError without a field to a general INVALID_ARGUMENT', () => {
    const { code, details } = toGrpcStatus(foreignError('InvalidEventError', 'Refused to append to feature-request-1: unknown event type'));

    expect(code).toBe(status.INVALID_ARGUMENT);
    expect(details).not.toContain('feature-request-1');
  });

  it.each([
    new Error('relation "votes" does not exist'),
    new TypeError("Cannot read properties of undefined (reading 'id')"),
    'a thrown string',
    undefined,
    { code: status.NOT_FOUND, message: 'an object that looks like a status' },
  ])('maps anything else (%p) to INTERNAL without leaking its message', (thrown) => {
    const { code, details, metadata } = toGrpcStatus(thrown);

    expect({ code, details }).toEqual({ code: status.INTERNAL, details: INTERNAL_ERROR_MESSAGE });
    expect(metadata.toJSON()).toEqual({});
  });

  it('does not take a foreign name from the prototype chain', () => {
    expect(toGrpcStatus(foreignError('toString', 'x')).code).toBe(status.INTERNAL);
  });
});

describe('isServerFault', () => {
  it('tells server faults from refused requests', () => {
    expect([status.INTERNAL, status.UNAVAILABLE, status.UNKNOWN].every(isServerFault)).toBe(true);
    expect([status.INVALID_ARGUMENT, status.NOT_FOUND, status.ABORTED, status.RESOURCE_EXHAUSTED].some(isServerFault)).toBe(false);
  });
});
