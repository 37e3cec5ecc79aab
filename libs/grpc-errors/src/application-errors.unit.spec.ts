import { AbortedError, NotFoundError, UnavailableError } from './application-errors';
import { ApplicationError } from './application-error';
import { InvalidArgumentError } from './invalid-argument.error';
import { ResourceExhaustedError } from './resource-exhausted.error';

describe('application errors', () => {
  it('are Errors with their own name, so logs and stack traces say what they are', () => {
    const error = new NotFoundError('feature request', 'fr-1');

    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(ApplicationError);
    expect(error.name).toBe('NotFoundError');
    expect(String(error)).toBe('NotFoundError: feature request fr-1 was not found');
  });

  it('keep the cause for the log', () => {
    const cause = new Error('connection reset');

    expect(new UnavailableError(undefined, { cause }).cause).toBe(cause);
    expect(new AbortedError('the vote changed meanwhile; reload it', { cause }).cause).toBe(cause);
  });

  it('InvalidArgumentError keeps its violations and leaves out "got" when nothing was given', () => {
    const error = new InvalidArgumentError('body', 'must not be empty');

    expect(error.message).toBe('body: must not be empty');
    expect(error.violations).toEqual([{ field: 'body', rule: 'must not be empty', got: undefined }]);
  });

  it('ResourceExhaustedError waits at least a second', () => {
    expect(new ResourceExhaustedError(0).retryAfterSeconds).toBe(1);
    expect(new ResourceExhaustedError(0).message).toBe('too many requests; try again in 1 s');
  });
});
