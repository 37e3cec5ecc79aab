import { eventIdFor, WrongExpectedRevisionError, type EventStore, type JsonObject, type NewEvent, type Position, type RecordedEvent } from '@frm/event-store';
import { commandEventMetadata } from './command-event-metadata';

/** How one aggregate's events are stored: its domain events to and from the store's records. */
export interface StreamCodec<Event> {
  encode(event: Event): { type: string; data: JsonObject };
  /** `undefined` for a type this build does not know (a newer writer's), which readers skip. */
  decode(recorded: Pick<RecordedEvent, 'type' | 'data'>): Event | undefined;
}

/** The pure functions of one aggregate: what a command appends, and how events fold into state. */
export interface Decider<Command, State, Event> {
  decide(command: Command, state: State): Event[];
  evolveAll(events: readonly Event[], state?: State): State;
}

/** What a command did: its events (none when it changed nothing) and the state after them. */
export interface CommandOutcome<State, Event> {
  readonly state: State;
  readonly events: readonly Event[];
  /** Where its last event sits in the store; `undefined` when it appended nothing. */
  readonly position: Position | undefined;
}

export interface ExecuteOptions {
  /**
   * Append with "no stream" expected before reading anything: one round trip for the common case
   * of a command that creates its stream. A conflict (the stream exists) falls back to reading it
   * and deciding again.
   */
  readonly expectNew?: boolean;
}

// Concurrent writers to one stream are rare; a few fresh decisions settle them.
const MAX_ATTEMPTS = 3;

/**
 * Runs commands against event-sourced streams: reads the stream, decides, and appends with the
 * revision it read, deciding again when another writer came first. The events' ids derive from the
 * command id, so a retry of a command already recorded appends nothing and gives the outcome it
 * had. The metadata names the command (causation), who acted, and the request's correlation id.
 */
export class StreamCommandRunner<Command, State, Event> {
  constructor(
    private readonly eventStore: EventStore,
    private readonly decider: Decider<Command, State, Event>,
    private readonly codec: StreamCodec<Event>,
  ) {}

  async load(streamId: string): Promise<State> {
    return this.decider.evolveAll(await this.readEvents(streamId));
  }

  /** The stream's events in order, those of types this build does not know left out. */
  async readEvents(streamId: string): Promise<Event[]> {
    return this.decodeAll(await this.eventStore.readStream(streamId));
  }

  /** `command` may be a function, asked anew on every attempt, so that it can read other streams. */
  async execute(
    streamId: string,
    commandId: string,
    actorId: string,
    command: Command | (() => Command | Promise<Command>),
    options: ExecuteOptions = {},
  ): Promise<CommandOutcome<State, Event>> {
    const commandNow = () => (typeof command === 'function' ? (command as () => Command | Promise<Command>)() : command);
    if (options.expectNew) {
      const initial = this.decider.evolveAll([]);
      const events = this.decider.decide(await commandNow(), initial);
      if (events.length === 0) return { state: initial, events, position: undefined };
      try {
        const result = await this.eventStore.appendToStream(streamId, this.toNewEvents(events, commandId, actorId), { expectedRevision: 'no_stream' });
        return { state: this.decider.evolveAll(events, initial), events, position: result.position };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
      }
    }
    for (let attempt = 1; ; attempt++) {
      const recorded = await this.eventStore.readStream(streamId);
      const earlier = this.outcomeRecordedFor(commandId, recorded);
      if (earlier) return earlier;
      const state = this.decider.evolveAll(this.decodeAll(recorded));
      const events = this.decider.decide(await commandNow(), state);
      if (events.length === 0) return { state, events, position: undefined };
      const last = recorded.at(-1);
      try {
        const result = await this.eventStore.appendToStream(streamId, this.toNewEvents(events, commandId, actorId), {
          expectedRevision: last ? last.revision : 'no_stream',
        });
        return { state: this.decider.evolveAll(events, state), events, position: result.position };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  private outcomeRecordedFor(commandId: string, recorded: readonly RecordedEvent[]): CommandOutcome<State, Event> | undefined {
    const first = recorded.findIndex((event) => event.id === eventIdFor(commandId, 0));
    if (first < 0) return undefined;
    let end = first + 1;
    while (end < recorded.length && recorded[end]?.id === eventIdFor(commandId, end - first)) end++;
    const own = recorded.slice(first, end);
    return { state: this.decider.evolveAll(this.decodeAll(recorded.slice(0, end))), events: this.decodeAll(own), position: own.at(-1)?.position };
  }

  private decodeAll(recorded: readonly RecordedEvent[]): Event[] {
    return recorded.flatMap((event) => {
      const decoded = this.codec.decode(event);
      return decoded === undefined ? [] : [decoded];
    });
  }

  private toNewEvents(events: readonly Event[], commandId: string, actorId: string): NewEvent[] {
    const metadata = commandEventMetadata(commandId, actorId);
    return events.map((event, index) => ({ id: eventIdFor(commandId, index), ...this.codec.encode(event), metadata }));
  }
}
