import { Inject, Injectable } from '@nestjs/common';
import {
  eventIdFor,
  WrongExpectedRevisionError,
  type EventStore,
  type NewEvent,
  type Position,
  type RecordedEvent,
} from '@frm/event-store';
import { currentRequestContext } from '@frm/logging';
import { EVENT_STORE } from '../../intake.tokens';
import {
  decide,
  evolveAll,
  streamIdOf,
  type Actor,
  type FeatureRequestCommand,
  type FeatureRequestEvent,
  type FeatureRequestState,
} from '../domain';
import { decodeEvent, encodeEvent } from '../event-codec/feature-request-event.codec';

/** What a command did: its events (none when it changed nothing) and the state after them. */
export interface CommandOutcome {
  readonly state: FeatureRequestState;
  readonly events: readonly FeatureRequestEvent[];
  /** Where its last event sits in the store; `undefined` when it appended nothing. */
  readonly position: Position | undefined;
}

// Concurrent writers to one request are rare; a few fresh decisions settle them.
const MAX_ATTEMPTS = 3;
const SCHEMA_VERSION = 1;

/** Loads feature requests from their streams and runs commands against them. */
@Injectable()
export class FeatureRequestRepository {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  async load(featureRequestId: string): Promise<FeatureRequestState> {
    return evolveAll(decodeAll(await this.eventStore.readStream(streamIdOf(featureRequestId))));
  }

  /**
   * Reads the stream, decides and appends with the revision it read, deciding again when another
   * writer came first. A retry of a command that was already recorded (its first event id is in
   * the stream) appends nothing and gives the outcome it had. `command` is asked for anew on
   * every attempt, so it can read other streams.
   */
  async execute(
    featureRequestId: string,
    commandId: string,
    actor: Actor,
    command: () => FeatureRequestCommand | Promise<FeatureRequestCommand>,
  ): Promise<CommandOutcome> {
    const streamId = streamIdOf(featureRequestId);
    for (let attempt = 1; ; attempt++) {
      const recorded = await this.eventStore.readStream(streamId);
      const earlier = outcomeRecordedFor(commandId, recorded);
      if (earlier) return earlier;
      const state = evolveAll(decodeAll(recorded));
      const events = decide(await command(), state);
      if (events.length === 0) return { state, events, position: undefined };
      const last = recorded.at(-1);
      try {
        const result = await this.eventStore.appendToStream(streamId, toNewEvents(events, commandId, actor), {
          expectedRevision: last ? last.revision : 'no_stream',
        });
        return { state: evolveAll(events, state), events, position: result.position };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }
}

function outcomeRecordedFor(commandId: string, recorded: readonly RecordedEvent[]): CommandOutcome | undefined {
  const first = recorded.findIndex((event) => event.id === eventIdFor(commandId, 0));
  if (first < 0) return undefined;
  let end = first + 1;
  while (end < recorded.length && recorded[end]?.id === eventIdFor(commandId, end - first)) end++;
  const own = recorded.slice(first, end);
  return {
    state: evolveAll(decodeAll(recorded.slice(0, end))),
    events: decodeAll(own),
    position: own.at(-1)?.position,
  };
}

function decodeAll(recorded: readonly RecordedEvent[]): FeatureRequestEvent[] {
  return recorded.flatMap((event) => decodeEvent(event) ?? []);
}

function toNewEvents(events: readonly FeatureRequestEvent[], commandId: string, actor: Actor): NewEvent[] {
  const context = currentRequestContext();
  const metadata = {
    causationId: commandId,
    actor: actor.subject,
    schemaVersion: SCHEMA_VERSION,
    ...(context.correlationId ?? context.requestId ? { correlationId: context.correlationId ?? context.requestId } : {}),
  };
  return events.map((event, index) => ({ id: eventIdFor(commandId, index), ...encodeEvent(event), metadata }));
}
