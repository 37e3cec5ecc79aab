import { Code, ConnectError } from '@connectrpc/connect';
import { describeCallError, statusName } from './describe-call-error';

describe('describeCallError', () => {
  it('tells a refused role in the service’s own words, with the status name', () => {
    const refused = new ConnectError('changing the status needs the product-team role', Code.PermissionDenied);
    expect(describeCallError(refused)).toEqual({
      status: 'PERMISSION_DENIED',
      title: 'You are not allowed to do this',
      message: 'changing the status needs the product-team role',
      fields: [],
      needsSignIn: false,
      retryable: false,
    });
  });

  it('says how long to wait after RESOURCE_EXHAUSTED, from the retry-after trailer', () => {
    const limited = new ConnectError('too many votes; try again in 30 s', Code.ResourceExhausted, { 'retry-after': '30' });
    expect(describeCallError(limited)).toMatchObject({ status: 'RESOURCE_EXHAUSTED', title: 'Too many requests', retryAfterSeconds: 30, retryable: true });
  });

  it('ignores a retry-after that is not a positive number of seconds', () => {
    const limited = new ConnectError('slow down', Code.ResourceExhausted, { 'retry-after': 'soon' });
    expect(describeCallError(limited)).not.toHaveProperty('retryAfterSeconds');
  });

  it('names the fields an INVALID_ARGUMENT refused, so the form can mark them', () => {
    const headers = new Headers();
    headers.append('frm-field', 'title');
    headers.append('frm-field', 'tags[1]');
    const invalid = new ConnectError('title: must not be empty; tags[1]: must be 1 to 32 lower-case letters', Code.InvalidArgument, headers);
    expect(describeCallError(invalid)).toMatchObject({ status: 'INVALID_ARGUMENT', fields: ['title', 'tags[1]'], retryable: false });
  });

  it('asks to sign in again after UNAUTHENTICATED', () => {
    const expired = new ConnectError('sign in again: the access token is missing, expired or invalid', Code.Unauthenticated);
    expect(describeCallError(expired)).toMatchObject({ status: 'UNAUTHENTICATED', title: 'Please sign in again', needsSignIn: true, retryable: false });
  });

  it('says the platform cannot be reached when fetch itself failed', () => {
    expect(describeCallError(new TypeError('Failed to fetch'))).toMatchObject({
      title: 'The platform cannot be reached',
      message: expect.stringContaining('try again'),
      needsSignIn: false,
      retryable: true,
    });
  });

  it('never leaves the person with an empty message for an internal error', () => {
    expect(describeCallError(new ConnectError('', Code.Internal))).toMatchObject({ status: 'INTERNAL', message: expect.stringContaining('Try again') });
  });
});

describe('statusName', () => {
  it.each([
    [Code.NotFound, 'NOT_FOUND'],
    [Code.FailedPrecondition, 'FAILED_PRECONDITION'],
    [Code.Unauthenticated, 'UNAUTHENTICATED'],
    [Code.DeadlineExceeded, 'DEADLINE_EXCEEDED'],
  ])('spells code %d as gRPC does: %s', (code, name) => {
    expect(statusName(code)).toBe(name);
  });
});
