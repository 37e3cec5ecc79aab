import { InvalidEventError } from './errors';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
  Subscription,
} from './event-store.port';
import type { NewEvent, Position, RecordedEvent } from './events';

/** Checks an event's data against its schema; throws when it does not match. */
export interface EventSchemaValidator {
  validate(eventType: string, data: unknown): void;
}

/** Refuses, before anything is written, any event whose data does not match its schema. */
export function withSchemaValidation(store: EventStore, validator: EventSchemaValidator): EventStore {
  return new SchemaValidatingEventStore(store, validator);
}

class SchemaValidatingEventStore implements EventStore {
  constructor(
    private readonly store: EventStore,
    private readonly validator: EventSchemaValidator,
  ) {}

  async appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    for (const event of events) {
      try {
        this.validator.validate(event.type, event.data);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new InvalidEventError(`Refused to append to ${streamId}: ${reason}`, error);
      }
    }
    return this.store.appendToStream(streamId, events, options);
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.store.readStream(streamId, options);
  }

  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent[]> {
    return this.store.readAll(options);
  }

  headPosition(): Promise<Position | undefined> {
    return this.store.headPosition();
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    return this.store.subscribeToAll(options);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
