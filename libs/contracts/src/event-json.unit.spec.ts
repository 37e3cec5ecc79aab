import type { DescMessage } from '@bufbuild/protobuf';
import fc from 'fast-check';
import { eventMessageFnsOf, fromEventJson, fromStoredEventJson, toEventJson } from './event-json';
import { EventSchemaViolation } from './event-schema-violation.error';
import { loadEventSchemaRegistry } from './event-schema-registry';
import { FeatureRequestSubmitted } from './generated/frm/events/v1/feature_request_events';
import { messageSample } from './message-sample.arbitrary';
import { requireEventFns, requireMessage } from './spec-support';

const registry = loadEventSchemaRegistry();

interface JsonMethods {
  toJSON(message: unknown): unknown;
  fromJSON(json: unknown): unknown;
}

/** ts-proto's fromJSON sets an unset proto3 `optional` field to null where decode leaves it out. */
function withoutNullOptionals(schema: DescMessage, message: Record<string, unknown>): Record<string, unknown> {
  const result = { ...message };
  for (const field of schema.fields) {
    const value = result[field.jsonName];
    if (field.proto.proto3Optional && value === null) delete result[field.jsonName];
    else if (field.fieldKind === 'message' && value) {
      result[field.jsonName] = withoutNullOptionals(field.message, value as Record<string, unknown>);
    }
  }
  return result;
}

describe.each(registry.eventTypes())('%s', (eventType) => {
  const fns = requireEventFns(eventType);
  const { toJSON, fromJSON } = fns as unknown as JsonMethods;
  const schema = requireMessage(eventType);

  it('has a ts-proto codec', () => {
    expect(fns.$type).toBe(eventType);
  });

  it('toEventJson / fromEventJson round-trip every field, to the nanosecond', () => {
    fc.assert(
      fc.property(fc.boolean().chain((full) => messageSample(schema, { full })), (event) => {
        const json = toEventJson(fns, event);
        registry.validate(eventType, json);
        expect(fromEventJson(fns, json)).toStrictEqual(event);
      }),
      { numRuns: 25 },
    );
  });

  it('fromStoredEventJson reads stored JSON into exactly what fromEventJson gives, to the nanosecond, for times from 1970 on', () => {
    fc.assert(
      fc.property(fc.boolean().chain((full) => messageSample(schema, { full, timestampsFromEpoch: true })), (event) => {
        const json = toEventJson(fns, event);
        expect(fromStoredEventJson(fns as typeof fns & JsonMethods, json)).toStrictEqual(fromEventJson(fns, json));
      }),
      { numRuns: 50 },
    );
  });

  it("ts-proto's own toJSON is canonical JSON of the same event, and fromJSON reads it back", () => {
    fc.assert(
      fc.property(fc.boolean().chain((full) => messageSample(schema, { full, dateSafeTimestamps: true })), (event) => {
        const json = toJSON(event);
        registry.validate(eventType, json);
        expect(withoutNullOptionals(schema, fromJSON(json) as Record<string, unknown>)).toStrictEqual(event);
        expect(registry.fromBinary(eventType, registry.toBinary(eventType, json))).toEqual(toEventJson(fns, event));
      }),
      { numRuns: 25 },
    );
  });
});

describe('fromEventJson', () => {
  it('refuses JSON that is not canonical', () => {
    expect(() => fromEventJson(FeatureRequestSubmitted, { feature_request_id: 'x' })).toThrow(EventSchemaViolation);
  });
});

describe('eventMessageFnsOf', () => {
  it('knows event types only', () => {
    expect(eventMessageFnsOf('frm.events.v1.FeatureRequestSubmitted')).toBe(FeatureRequestSubmitted);
    expect(eventMessageFnsOf('frm.events.v1.FeatureRequestSubmitted.WeddingContext')).toBeUndefined();
    expect(eventMessageFnsOf('frm.v1.FeatureRequest')).toBeUndefined();
  });
});
