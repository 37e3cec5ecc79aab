import { EventIdReusedError, WrongExpectedRevisionError } from '../errors';
import type { CurrentRevision, ExpectedRevision } from '../expected-revision';
import { lastRevisionExpected } from './expected-revision-mapping';

/**
 * What a wrong-expected-version answer means for an append:
 * - `refused`: the answer is final;
 * - `stream-moved-on`: the stream is past the expected revision. EventStoreDB answers the same when
 *   another writer got there first and when an earlier append repeated only part of these event ids,
 *   so the events stored from `fromRevision` decide (see {@link compareWithStored}).
 */
export type AppendRefusal =
  | { kind: 'refused'; error: WrongExpectedRevisionError | EventIdReusedError }
  | { kind: 'stream-moved-on'; fromRevision: bigint; actual: bigint };

export function classifyRefusal(
  streamId: string,
  eventIds: readonly string[],
  expected: ExpectedRevision,
  actual: CurrentRevision,
): AppendRefusal {
  const wrongRevision = { kind: 'refused', error: new WrongExpectedRevisionError(streamId, expected, actual) } as const;
  if (expected === 'any' || expected === 'stream_exists') {
    // With these the server checks no revision on an existing stream: it refuses only when it
    // recognised the first event id as already appended there and a later one as different.
    return actual === 'none' ? wrongRevision : { kind: 'refused', error: new EventIdReusedError(streamId, eventIds) };
  }
  const last = lastRevisionExpected(expected);
  if (actual === 'none' || actual <= last) return wrongRevision;
  return { kind: 'stream-moved-on', fromRevision: last + 1n, actual };
}

/**
 * Compares the ids stored where the append wanted to go with the ids it carries:
 * the very same append (a retry that already went through), a reuse of some ids, or another writer's events.
 */
export function compareWithStored(
  storedIds: readonly string[],
  proposedIds: readonly string[],
): 'same-append' | 'ids-reused' | 'other-writer' {
  const stored = storedIds.map((id) => id.toLowerCase());
  const proposed = proposedIds.map((id) => id.toLowerCase());
  if (stored.length === proposed.length && stored.every((id, i) => id === proposed[i])) return 'same-append';
  const storedSet = new Set(stored);
  return proposed.some((id) => storedSet.has(id)) ? 'ids-reused' : 'other-writer';
}
