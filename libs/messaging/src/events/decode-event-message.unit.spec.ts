import { loadEventSchemaRegistry } from '@frm/contracts';
import type { RecordedEvent } from '@frm/event-store';
import { decodeEventMessage } from './decode-event-message';
import { toEventMessage } from './event-message';
import { frmEventRoutes } from './event-routes';
import { UndecodableMessageError } from './undecodable-message.error';

const registry = loadEventSchemaRegistry();
const where = { topic: 'frm.votes.v1', partition: 2 };
const event: RecordedEvent = {
  id: '3c1d1f8e-2a4b-4c6d-8e0f-1a2b3c4d5e6f',
  type: 'frm.events.v1.VoteFlagged',
  data: {
    voteId: 'vote-1',
    occurredAt: '2026-06-20T11:00:00Z',
    featureRequestId: 'request-1',
    voterId: 'voter-1',
    signals: [{ kind: 'FRAUD_SIGNAL_KIND_BURST', score: 0.75, relatedVoteIds: ['vote-2'] }],
  },
  metadata: { correlationId: 'corr-9' },
  streamId: 'vote-request-1-voter-1',
  revision: 1n,
  position: { commit: 77n, prepare: 5n },
  recordedAt: new Date('2026-06-20T11:00:00.100Z'),
};

function received(overrides: { headers?: Record<string, string | Buffer | undefined>; value?: Buffer | null } = {}) {
  const { message } = toEventMessage(event, { routes: frmEventRoutes, registry, replay: true });
  // The consumer sees every header as a Buffer.
  const headers = Object.fromEntries(
    Object.entries({ ...(message.headers as Record<string, string>), ...overrides.headers })
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [name, Buffer.from(value as string | Buffer)]),
  );
  return { key: Buffer.from(String(message.key)), value: 'value' in overrides ? (overrides.value ?? null) : (message.value as Buffer), headers, offset: '17' };
}

describe('decoding an event message', () => {
  it('gives back the stored event: attributes, canonical JSON data and store position', () => {
    expect(decodeEventMessage(received(), where, registry)).toEqual({
      id: event.id,
      type: event.type,
      source: '/frm/voting',
      subject: 'vote-1',
      time: '2026-06-20T11:00:00Z',
      data: event.data,
      correlationId: 'corr-9',
      causationId: undefined,
      streamId: event.streamId,
      streamRevision: 1n,
      position: { commit: 77n, prepare: 5n },
      replay: true,
      kafka: { topic: 'frm.votes.v1', partition: 2, offset: '17', key: 'request-1' },
    });
  });

  it.each([
    ['no CloudEvents headers at all', { headers: { ce_specversion: undefined } }, /no ce_specversion header/],
    ['another spec version', { headers: { ce_specversion: '0.3' } }, /spec version "0.3"/],
    ['no event id', { headers: { ce_id: undefined } }, /no ce_id header/],
    ['no event type', { headers: { ce_type: '' } }, /no ce_type header/],
    ['another content type', { headers: { 'content-type': 'application/json' } }, /content type "application\/json"/],
    ['no value', { value: null }, /has no value/],
    ['an unknown event type', { headers: { ce_type: 'frm.events.v1.Nope' } }, /unknown event type/],
    ['bytes that are not protobuf', { value: Buffer.from('not protobuf at all') }, /bytes do not decode/],
  ])('refuses a message with %s', (_case, overrides, reason) => {
    const decode = () => decodeEventMessage(received(overrides), where, registry);
    expect(decode).toThrow(UndecodableMessageError);
    expect(decode).toThrow(reason);
    expect(decode).toThrow(/frm\.votes\.v1\[2\]@17/);
  });
});
