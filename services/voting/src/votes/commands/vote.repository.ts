import { Inject, Injectable } from '@nestjs/common';
import { eventIdFor, WrongExpectedRevisionError, type EventStore, type NewEvent, type Position, type RecordedEvent } from '@frm/event-store';
import { currentRequestContext } from '@frm/logging';
import { EVENT_STORE } from '../../voting.tokens';
import { decide, evolveAll, INITIAL_VOTE_STATE, type VoteCommand, type VoteEvent, type VoteState } from '../domain';
import { decodeVoteEvent, encodeVoteEvent } from '../event-codec/vote-event.codec';

export interface VoteOutcome {
  readonly state: VoteState;
  readonly events: readonly VoteEvent[];
  /** Where its last event sits; `undefined` when it appended nothing. */
  readonly position: Position | undefined;
}

export interface ExecuteOptions {
  /**
   * Append with "no stream" expected before reading anything: one round trip for the common case
   * of a first vote. Another writer (or an earlier vote) shows as a conflict, and the command is
   * then decided again on what the stream holds.
   */
  readonly expectNew?: boolean;
}

const MAX_ATTEMPTS = 3;
const SCHEMA_VERSION = 1;

/** Runs commands against one vote stream each: read, decide, append with the revision read. */
@Injectable()
export class VoteRepository {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  async load(streamId: string): Promise<VoteState> {
    return evolveAll(decodeAll(await this.eventStore.readStream(streamId)));
  }

  /**
   * A retry of a command already recorded (its first event id is in the stream) appends nothing
   * and gives the outcome it had. `causedBy` names who or what is acting, for the events' metadata.
   */
  async execute(streamId: string, commandId: string, causedBy: string, command: VoteCommand, options: ExecuteOptions = {}): Promise<VoteOutcome> {
    if (options.expectNew) {
      const events = decide(command, INITIAL_VOTE_STATE);
      try {
        const result = await this.eventStore.appendToStream(streamId, toNewEvents(events, commandId, causedBy), { expectedRevision: 'no_stream' });
        return { state: evolveAll(events), events, position: result.position };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
      }
    }
    for (let attempt = 1; ; attempt++) {
      const recorded = await this.eventStore.readStream(streamId);
      const earlier = outcomeRecordedFor(commandId, recorded);
      if (earlier) return earlier;
      const state = evolveAll(decodeAll(recorded));
      const events = decide(command, state);
      if (events.length === 0) return { state, events, position: undefined };
      const last = recorded.at(-1);
      try {
        const result = await this.eventStore.appendToStream(streamId, toNewEvents(events, commandId, causedBy), {
          expectedRevision: last ? last.revision : 'no_stream',
        });
        return { state: evolveAll(events, state), events, position: result.position };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }
}

function outcomeRecordedFor(commandId: string, recorded: readonly RecordedEvent[]): VoteOutcome | undefined {
  const first = recorded.findIndex((event) => event.id === eventIdFor(commandId, 0));
  if (first < 0) return undefined;
  let end = first + 1;
  while (end < recorded.length && recorded[end]?.id === eventIdFor(commandId, end - first)) end++;
  const own = recorded.slice(first, end);
  return { state: evolveAll(decodeAll(recorded.slice(0, end))), events: decodeAll(own), position: own.at(-1)?.position };
}

function decodeAll(recorded: readonly RecordedEvent[]): VoteEvent[] {
  return recorded.flatMap((event) => decodeVoteEvent(event) ?? []);
}

function toNewEvents(events: readonly VoteEvent[], commandId: string, causedBy: string): NewEvent[] {
  const context = currentRequestContext();
  const metadata = {
    causationId: commandId,
    actor: causedBy,
    schemaVersion: SCHEMA_VERSION,
    ...(context.correlationId ?? context.requestId ? { correlationId: context.correlationId ?? context.requestId } : {}),
  };
  return events.map((event, index) => ({ id: eventIdFor(commandId, index), ...encodeVoteEvent(event), metadata }));
}
