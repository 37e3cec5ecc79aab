import type {
  AppendOptions,
  AppendResult,
  EventStore,
  JsonObject,
  NewEvent,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '@frm/event-store';
import type { PiiCipher } from '../cipher/pii-cipher';
import { isEncryptedField, subjectOfEncryptedField } from '../format/encrypted-field';
import type { ErasureEvent, PiiFieldMap } from './pii-fields';

/**
 * The event store as a service that owns personal data sees it: the fields named in `fields` are
 * encrypted with their subject's key on the way in and decrypted on the way out, so aggregates and
 * projections work with plaintext while the store, its backups and whatever relays its raw events
 * (Kafka) hold only ciphertext. A value whose key was erased reads `[erased]`. When `erasedBy` names
 * the erasure event, reading one makes the cipher forget that subject's key at once, rather than
 * when its cache entry would have expired.
 */
export function withPiiProtection(store: EventStore, cipher: PiiCipher, fields: PiiFieldMap, erasedBy?: ErasureEvent): EventStore {
  return new PiiProtectedEventStore(store, cipher, fields, erasedBy);
}

class PiiProtectedEventStore implements EventStore {
  constructor(
    private readonly store: EventStore,
    private readonly cipher: PiiCipher,
    private readonly fields: PiiFieldMap,
    private readonly erasedBy?: ErasureEvent,
  ) {}

  async appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    return this.store.appendToStream(streamId, await Promise.all(events.map((event) => this.encrypt(streamId, event))), options);
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.decryptAll(await this.store.readStream(streamId, options));
  }

  async *readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent[]> {
    for await (const page of this.store.readAll(options)) yield await this.decryptAll(page);
  }

  headPosition(): Promise<Position | undefined> {
    return this.store.headPosition();
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    return this.store.subscribeToAll({
      ...options,
      onBatch: async (batch) => options.onBatch({ ...batch, events: await this.decryptAll(batch.events) }),
    });
  }

  close(): Promise<void> {
    return this.store.close();
  }

  private async encrypt(streamId: string, event: NewEvent): Promise<NewEvent> {
    const rule = this.fields[event.type];
    if (!rule) return event;
    const subject = event.data[rule.subjectField];
    if (typeof subject !== 'string' || subject === '') {
      throw new Error(`${event.type} carries personal data but no subject in "${rule.subjectField}"; its fields cannot be encrypted`);
    }
    const data: JsonObject = { ...event.data };
    for (const field of rule.fields) {
      const value = data[field];
      // Always encrypted, even text that looks like ciphertext: a person could type such a title.
      if (typeof value === 'string' && value !== '') data[field] = await this.cipher.encryptField(subject, streamId, field, value);
    }
    return { ...event, data };
  }

  private async decryptAll(events: RecordedEvent[]): Promise<RecordedEvent[]> {
    const subjects = new Set<string>();
    for (const event of events) {
      if (this.erasedBy && event.type === this.erasedBy.type) {
        const erased = event.data[this.erasedBy.subjectField];
        if (typeof erased === 'string') this.cipher.forget(erased);
      }
      for (const field of this.fields[event.type]?.fields ?? []) {
        const value = event.data[field];
        const subject = typeof value === 'string' ? subjectOfEncryptedField(value) : undefined;
        if (subject) subjects.add(subject);
      }
    }
    if (subjects.size === 0) return events;
    // One round trip to the key store for the whole page, not one per event.
    await this.cipher.warm([...subjects]);
    return Promise.all(events.map((event) => this.decrypt(event)));
  }

  private async decrypt(event: RecordedEvent): Promise<RecordedEvent> {
    const rule = this.fields[event.type];
    if (!rule) return event;
    let data: JsonObject | undefined;
    for (const field of rule.fields) {
      const value = event.data[field];
      if (typeof value !== 'string' || !isEncryptedField(value)) continue;
      data ??= { ...event.data };
      // The page's keys were warmed: most fields decrypt without a promise of their own.
      data[field] = this.cipher.decryptFieldIfKeyInMemory(event.streamId, field, value) ?? (await this.cipher.decryptField(event.streamId, field, value));
    }
    return data ? { ...event, data } : event;
  }
}
