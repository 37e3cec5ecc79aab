import type { RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import { toEsdbEvent, toRecordedEvent } from './recorded-event-mapping';

const created = new Date('2025-06-14T10:00:00Z');

const esdbEvent = (overrides: Partial<Record<keyof EsdbRecordedEvent, unknown>> = {}): EsdbRecordedEvent =>
  ({
    streamId: 'vote-1-2',
    id: '0b6e2a7c-3f7e-4d8e-9d0a-6b7e2a0c9e51',
    isJson: true,
    revision: 3n,
    type: 'frm.events.v1.VoteCast',
    created,
    data: { weight: 1 },
    metadata: { correlationId: 'c-1', schemaVersion: 1 },
    position: { commit: 900n, prepare: 900n },
    ...overrides,
  }) as EsdbRecordedEvent;

describe('recorded events from EventStoreDB', () => {
  it('writes JSON events with our id (lower-case), type, data and metadata', () => {
    const written = toEsdbEvent({
      id: '0B6E2A7C-3F7E-4D8E-9D0A-6B7E2A0C9E51',
      type: 'frm.events.v1.VoteCast',
      data: { weight: 1 },
      metadata: { actor: 'user-1' },
    });
    expect(written).toEqual({
      id: '0b6e2a7c-3f7e-4d8e-9d0a-6b7e2a0c9e51',
      contentType: 'application/json',
      type: 'frm.events.v1.VoteCast',
      data: { weight: 1 },
      metadata: { actor: 'user-1' },
    });
    expect(toEsdbEvent({ id: 'a', type: 'T', data: {} }).metadata).toBeUndefined();
  });

  it('reads every field, with the commit/prepare position as ours', () => {
    expect(toRecordedEvent(esdbEvent())).toEqual({
      id: '0b6e2a7c-3f7e-4d8e-9d0a-6b7e2a0c9e51',
      type: 'frm.events.v1.VoteCast',
      data: { weight: 1 },
      metadata: { correlationId: 'c-1', schemaVersion: 1 },
      streamId: 'vote-1-2',
      revision: 3n,
      position: { commit: 900n, prepare: 900n },
      recordedAt: created,
    });
  });

  it('reads missing metadata as empty and JSON written as bytes as JSON', () => {
    const bytes = (value: unknown) => new Uint8Array(Buffer.from(JSON.stringify(value)));
    const event = toRecordedEvent(esdbEvent({ isJson: false, data: bytes({ n: 1 }), metadata: undefined }));
    expect(event.data).toEqual({ n: 1 });
    expect(event.metadata).toEqual({});
    expect(toRecordedEvent(esdbEvent({ metadata: bytes({ actor: 'a' }) })).metadata).toEqual({ actor: 'a' });
  });

  it('refuses data that is not a JSON object, naming the event', () => {
    expect(() => toRecordedEvent(esdbEvent({ isJson: false, data: new Uint8Array([1, 2, 3]) }))).toThrow(
      /Data of event 0b6e2a7c-.* \(revision 3 of vote-1-2\) is not a JSON object/,
    );
    expect(() => toRecordedEvent(esdbEvent({ data: [1, 2] }))).toThrow(TypeError);
    expect(() => toRecordedEvent(esdbEvent({ data: 'malformed {' }))).toThrow(TypeError);
  });

  it('explains a missing position (servers before 22.6 leave it out of stream reads)', () => {
    expect(() => toRecordedEvent(esdbEvent({ position: undefined }))).toThrow('22.6 or newer');
  });
});
