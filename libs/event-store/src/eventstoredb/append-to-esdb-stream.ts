import {
  DeadlineExceededError,
  TimeoutError,
  WrongExpectedVersionError,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import { assertAppendable } from '../appendable';
import { EventIdReusedError, WrongExpectedRevisionError } from '../errors';
import type { AppendResult } from '../event-store.port';
import type { NewEvent } from '../events';
import type { ExpectedRevision } from '../expected-revision';
import { classifyRefusal, compareWithStored } from './append-refusal';
import { fromEsdbCurrentRevision, toEsdbExpectedRevision } from './expected-revision-mapping';
import { fromEsdbPosition } from './positions';
import { toEsdbEvent } from './recorded-event-mapping';
import { readEsdbStream } from './stream-reads';
import { assertNotSystemRecord } from './system-records';

/**
 * A write the server answered with a timeout is sent again. That is safe because a repeated append is
 * idempotent by event id, and needed: the server drops, without an answer, a repeat that arrives
 * while the original is still being indexed.
 */
const MAX_ATTEMPTS = 3;

export async function appendToEsdbStream(
  client: EventStoreDBClient,
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
): Promise<AppendResult> {
  assertAppendable(streamId, events);
  assertNotSystemRecord(streamId, events);
  const expectedRevision = toEsdbExpectedRevision(expected);
  const proposed = events.map(toEsdbEvent);
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await client.appendToStream(streamId, proposed, { expectedRevision });
      // An idempotent repeat can come back without a position; the stored event has it.
      return result.position
        ? { nextExpectedRevision: result.nextExpectedRevision, position: fromEsdbPosition(result.position) }
        : await storedResult(client, streamId, result.nextExpectedRevision);
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) return explainRefusal(client, streamId, events, expected, error);
      const timedOut = error instanceof DeadlineExceededError || error instanceof TimeoutError;
      if (!timedOut || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

async function explainRefusal(
  client: EventStoreDBClient,
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
  error: WrongExpectedVersionError,
): Promise<AppendResult> {
  const ids = events.map((event) => event.id);
  const refusal = classifyRefusal(streamId, ids, expected, fromEsdbCurrentRevision(error.actualVersion));
  if (refusal.kind === 'refused') throw refusal.error;
  const stored = await readEsdbStream(client, streamId, { fromRevision: refusal.fromRevision, maxCount: events.length });
  switch (compareWithStored(stored.map((event) => event.id), ids)) {
    case 'same-append': {
      const last = stored[stored.length - 1] as (typeof stored)[number];
      return { nextExpectedRevision: last.revision, position: last.position };
    }
    case 'ids-reused':
      throw new EventIdReusedError(streamId, ids);
    case 'other-writer':
      throw new WrongExpectedRevisionError(streamId, expected, refusal.actual);
  }
}

async function storedResult(client: EventStoreDBClient, streamId: string, revision: bigint): Promise<AppendResult> {
  const [event] = await readEsdbStream(client, streamId, { fromRevision: revision, maxCount: 1 });
  if (!event) throw new Error(`EventStoreDB acknowledged an append to ${streamId} at revision ${revision} but holds no event there`);
  return { nextExpectedRevision: revision, position: event.position };
}
