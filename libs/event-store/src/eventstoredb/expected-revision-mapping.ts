import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  type AppendExpectedRevision,
  type CurrentRevision as EsdbCurrentRevision,
} from '@eventstore/db-client';
import type { CurrentRevision, ExpectedRevision } from '../expected-revision';

/** Our expected revision as the client's; EventStoreDB knows the same four cases. */
export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      // The server reads revisions as unsigned 64-bit numbers; a negative one could only be a bug.
      if (expected < 0n) throw new RangeError(`Expected revision must be 0 or more, got ${expected}`);
      return expected;
  }
}

export function fromEsdbCurrentRevision(current: EsdbCurrentRevision): CurrentRevision {
  return current === NO_STREAM ? 'none' : current;
}

/** The revision the stream's last event must have for the append to go through; -1 for `no_stream`. */
export function lastRevisionExpected(expected: bigint | 'no_stream'): bigint {
  return expected === 'no_stream' ? -1n : expected;
}
