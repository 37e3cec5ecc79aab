import fc from 'fast-check';
import { loadEventSchemaRegistry } from '@frm/contracts';
import { FEATURE_REQUEST_STATUSES, type FeatureRequestEvent } from '../domain';
import { decodeEvent, encodeEvent, FEATURE_REQUEST_EVENT_PREFIX } from './feature-request-event.codec';

const uuid = fc.uuid();
const text = fc.string({ maxLength: 40 });
const status = fc.constantFrom(...FEATURE_REQUEST_STATUSES);
// Whole milliseconds: what a Date holds and what the events store.
const at = fc.integer({ min: 0, max: 4_102_444_800_000 }).map((ms) => new Date(ms));
const base = { featureRequestId: uuid, occurredAt: at };

const anEvent: fc.Arbitrary<FeatureRequestEvent> = fc.oneof(
  fc.record({
    type: fc.constant('FeatureRequestSubmitted' as const),
    ...base,
    authorId: uuid,
    title: text,
    description: text,
    category: text,
    tags: fc.array(text, { maxLength: 4 }),
    weddingContext: fc.option(fc.record({ supplierType: text, weddingDate: text }), { nil: null }),
  }),
  fc.record({
    type: fc.constant('FeatureRequestEdited' as const),
    ...base,
    editorId: uuid,
    changes: fc.record(
      { title: text, description: text, category: text, tags: fc.array(text, { maxLength: 3 }) },
      { requiredKeys: [] },
    ),
  }),
  fc.record({ type: fc.constant('FeatureRequestCommentAdded' as const), ...base, commentId: uuid, authorId: uuid, body: text }),
  fc.record({ type: fc.constant('FeatureRequestStatusChanged' as const), ...base, actorId: uuid, from: status, to: status, reason: text }),
  fc.record({ type: fc.constant('FeatureRequestMerged' as const), ...base, actorId: uuid, targetId: uuid, from: status, reason: text }),
  fc.record({ type: fc.constant('FeatureRequestUnmerged' as const), ...base, actorId: uuid, targetId: uuid, to: status, reason: text }),
  fc.record({
    type: fc.constant('FeatureRequestDuplicateSuspected' as const),
    ...base,
    duplicateOfId: uuid,
    similarity: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
);

describe('feature request event codec', () => {
  it('stores every event as canonical JSON of its frm.events.v1 message, and reads it back unchanged', () => {
    const registry = loadEventSchemaRegistry();
    fc.assert(
      fc.property(anEvent, (event) => {
        const stored = encodeEvent(event);
        expect(stored.type).toBe(`frm.events.v1.${event.type}`);
        expect(stored.type.startsWith(FEATURE_REQUEST_EVENT_PREFIX)).toBe(true);
        registry.validate(stored.type, stored.data);
        expect(decodeEvent(stored)).toEqual(event);
      }),
    );
  });

  it('tells an edit that empties the tags from one that leaves them alone', () => {
    const edit = (changes: object) =>
      decodeEvent(encodeEvent({ type: 'FeatureRequestEdited', featureRequestId: 'a4d2c7e0-1b8f-4c3e-9d6a-5e7f8a9b0c1d', occurredAt: new Date(0), editorId: 'x', changes }));
    expect(edit({ tags: [] })).toMatchObject({ changes: { tags: [] } });
    expect(edit({ title: 'T' })).toMatchObject({ changes: { title: 'T' } });
    expect((edit({ title: 'T' }) as { changes: object }).changes).not.toHaveProperty('tags');
  });

  it('skips event types it does not know and refuses data that breaks a known schema', () => {
    expect(decodeEvent({ type: 'frm.events.v1.FeatureRequestTeleported', data: {} })).toBeUndefined();
    expect(() => decodeEvent({ type: 'frm.events.v1.FeatureRequestSubmitted', data: { title: 42 } })).toThrow(/title/);
  });
});
