import { loadEventSchemaRegistry } from '@frm/contracts';
import type { RecordedEvent } from '@frm/event-store';
import { toEventMessage, toTopicMessages } from './event-message';
import { FEATURE_REQUESTS_TOPIC, VOTES_TOPIC, frmEventRoutes, withTopics } from './event-routes';
import { UnpublishableEventError } from './unpublishable-event.error';

const registry = loadEventSchemaRegistry();
const options = { routes: frmEventRoutes, registry };
const requestId = '0b6f7a52-8d0e-4f35-9d8e-1c2b3a4d5e6f';
const voterId = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
const voteId = '5f4e3d2c-1b0a-4987-8654-3210fedcba98';

function recorded(type: string, data: RecordedEvent['data'], overrides: Partial<RecordedEvent> = {}): RecordedEvent {
  return {
    id: '9a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d',
    type,
    data,
    metadata: { correlationId: 'corr-1', causationId: 'cause-1', actor: 'user-7', schemaVersion: 1 },
    streamId: `feature-request-${requestId}`,
    revision: 3n,
    position: { commit: 812n, prepare: 42n },
    recordedAt: new Date('2026-06-20T10:00:01.500Z'),
    ...overrides,
  };
}

const submitted = recorded('frm.events.v1.FeatureRequestSubmitted', {
  featureRequestId: requestId,
  occurredAt: '2026-06-20T10:00:00.250Z',
  authorId: 'author-1',
  title: 'Let couples share the seating plan with their venue',
  description: 'Our planner, Jane Doe (jane@example.com), keeps asking for it',
  category: 'planning',
  tags: ['seating'],
});

const voteCast = recorded(
  'frm.events.v1.VoteCast',
  { voteId, occurredAt: '2026-06-20T11:00:00Z', featureRequestId: requestId, voterId, weight: 1 },
  { streamId: `vote-${requestId}-${voterId}`, revision: 0n },
);

describe('the Kafka message of an event', () => {
  it('routes the feature-request family to its topic, keyed by the request id', () => {
    const { topic, message } = toEventMessage(submitted, options);
    expect(topic).toBe(FEATURE_REQUESTS_TOPIC);
    expect(message.key).toBe(requestId);
  });

  it('routes votes to the votes topic, keyed by their feature request so that a request\'s votes stay in order', () => {
    const { topic, message } = toEventMessage(voteCast, options);
    expect(topic).toBe(VOTES_TOPIC);
    expect(message.key).toBe(requestId);
    expect(message.headers?.['ce_subject']).toBe(voteId);
  });

  it('carries CloudEvents binary-mode headers and where the event sits in the store', () => {
    expect(toEventMessage(submitted, options).message.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: submitted.id,
      ce_type: 'frm.events.v1.FeatureRequestSubmitted',
      ce_source: '/frm/intake',
      ce_subject: requestId,
      ce_time: '2026-06-20T10:00:00.250Z',
      ce_correlationid: 'corr-1',
      ce_causationid: 'cause-1',
      'content-type': 'application/protobuf',
      'frm-position': '812/42',
      'frm-stream-id': `feature-request-${requestId}`,
      'frm-stream-revision': '3',
    });
  });

  it('carries the data as binary protobuf that decodes to the same canonical JSON', () => {
    const { message } = toEventMessage(submitted, options);
    expect(Buffer.isBuffer(message.value)).toBe(true);
    expect(registry.fromBinary(submitted.type, message.value as Buffer)).toEqual(submitted.data);
  });

  it('puts no personal data in the key or the headers', () => {
    const { message } = toEventMessage(submitted, options);
    const visible = JSON.stringify([message.key, message.headers]);
    for (const text of ['seating plan', 'Jane Doe', 'jane@example.com', 'planning', 'user-7']) expect(visible).not.toContain(text);
  });

  it('passes the trace context of the request that caused the event on, and nothing that is not one', () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const traced = { ...submitted, metadata: { ...submitted.metadata, traceparent } };
    expect(toEventMessage(traced, options).message.headers?.['traceparent']).toBe(traceparent);
    const odd = { ...submitted, metadata: { ...submitted.metadata, traceparent: 'Jane Doe' } };
    expect(toEventMessage(odd, options).message.headers).not.toHaveProperty('traceparent');
  });

  it('marks replayed events, and only those', () => {
    expect(toEventMessage(submitted, { ...options, replay: true }).message.headers?.['frm-replay']).toBe('true');
    expect(toEventMessage(submitted, options).message.headers).not.toHaveProperty('frm-replay');
  });

  it('falls back to the stream for the key and subject, and to the storing time, when the data lacks them', () => {
    const bare = recorded('frm.events.v1.FeatureRequestDuplicateSuspected', { duplicateOfId: 'other' }, { metadata: {} });
    const { message } = toEventMessage(bare, options);
    expect(message.key).toBe(bare.streamId);
    expect(message.headers).toMatchObject({ ce_subject: bare.streamId, ce_time: '2026-06-20T10:00:01.500Z' });
    expect(message.headers).not.toHaveProperty('ce_correlationid');
  });

  it('refuses, naming the event, an event without a route or whose data does not encode', () => {
    const unrouted = recorded('frm.events.v1.TriageScored', {});
    expect(() => toEventMessage(unrouted, options)).toThrow(UnpublishableEventError);
    expect(() => toEventMessage(unrouted, options)).toThrow(/no route takes this event type/);
    const invalid = recorded('frm.events.v1.FeatureRequestSubmitted', { featureRequestId: requestId, title: 7 });
    expect(() => toEventMessage(invalid, options)).toThrow(new RegExp(`Event ${invalid.id} .*position 812/42.*title`));
  });

  it('groups a batch by topic, keeping each topic\'s events in order', () => {
    const edited = recorded('frm.events.v1.FeatureRequestEdited', { featureRequestId: requestId, title: 'Seating' }, { id: 'e2', revision: 4n });
    const routes = withTopics(frmEventRoutes, { [FEATURE_REQUESTS_TOPIC]: 'requests-test' });
    const batches = toTopicMessages([submitted, voteCast, edited], { routes, registry });
    expect(batches.map((b) => [b.topic, b.messages.map((m) => m.headers?.['ce_id'])])).toEqual([
      ['requests-test', [submitted.id, 'e2']],
      [VOTES_TOPIC, [voteCast.id]],
    ]);
  });
});
