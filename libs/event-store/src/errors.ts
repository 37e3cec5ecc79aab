import { describeRevision, type CurrentRevision, type ExpectedRevision } from './expected-revision';

/** Another writer changed the stream first; reload and decide again (gRPC `ABORTED`). */
export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: CurrentRevision,
  ) {
    super(`Stream ${streamId} was expected at ${describeRevision(expected)} but is at ${describeRevision(actual)}`);
  }
}

/** An event id is already used by a different append (not a retry of the same one). */
export class EventIdReusedError extends Error {
  override readonly name = 'EventIdReusedError';
  constructor(
    readonly streamId: string,
    readonly eventIds: readonly string[],
  ) {
    super(
      `Event id(s) ${eventIds.join(', ')} already belong to another append than this one to ${streamId}; ` +
        `derive event ids from the command id so that only a retry of the same command repeats them`,
    );
  }
}

/** The append was refused before anything was written because an event did not match its schema. */
export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}
