import { ScalarType, create, toBinary, type DescEnum, type DescField, type DescMessage } from '@bufbuild/protobuf';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { loadEventSchemaRegistry, readDescriptorImage } from '@frm/contracts';
import { findRoute, frmEventRoutes } from '@frm/messaging';
import { buildEventCatalogue } from './build-event-catalogue';
import { loadCatalogueSources } from './catalogue-sources';

const doc = buildEventCatalogue(loadCatalogueSources());
const registry = loadEventSchemaRegistry();
const descriptors = readDescriptorImage();
const routedTypes = registry.eventTypes().filter((type) => findRoute(frmEventRoutes, type));
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));

/** Checks JSON against the catalogue's payload schema of an event type, references resolved within the document. */
function payloadValidator(eventType: string) {
  return ajv.compile({ allOf: [{ $ref: `#/components/schemas/${eventType}` }], components: { schemas: doc.components.schemas } });
}

/** Every field of the message set to a value that is not its default, so that every one shows in the JSON. */
function everyFieldSet(message: DescMessage, depth = 0): Record<string, unknown> {
  if (message.typeName === 'google.protobuf.Timestamp') return { seconds: 1_781_949_600n, nanos: 250_000_000 };
  if (depth > 5) return {};
  return Object.fromEntries(message.fields.map((field) => [field.localName, fieldValue(field, depth)]));
}

function fieldValue(field: DescField, depth: number): unknown {
  switch (field.fieldKind) {
    case 'scalar':
      return scalarValue(field.scalar);
    case 'enum':
      return lastValue(field.enum);
    case 'message':
      return everyFieldSet(field.message, depth + 1);
    case 'list':
      return [field.listKind === 'scalar' ? scalarValue(field.scalar) : field.listKind === 'enum' ? lastValue(field.enum) : everyFieldSet(field.message, depth + 1)];
    case 'map':
      return { [String(scalarValue(field.mapKey))]: field.mapKind === 'scalar' ? scalarValue(field.scalar) : field.mapKind === 'enum' ? lastValue(field.enum) : everyFieldSet(field.message, depth + 1) };
  }
}

function scalarValue(scalar: ScalarType): unknown {
  if (scalar === ScalarType.STRING) return 'text';
  if (scalar === ScalarType.BOOL) return true;
  if (scalar === ScalarType.BYTES) return new Uint8Array([1, 2, 3]);
  if ([ScalarType.INT64, ScalarType.SINT64, ScalarType.SFIXED64].includes(scalar)) return -9_007_199_254_740_993n;
  if ([ScalarType.UINT64, ScalarType.FIXED64].includes(scalar)) return 18_446_744_073_709_551_615n;
  if (scalar === ScalarType.DOUBLE || scalar === ScalarType.FLOAT) return 0.5;
  return 7;
}

function lastValue(enumeration: DescEnum): number {
  return enumeration.values[enumeration.values.length - 1]?.number ?? 0;
}

/** The canonical JSON a consumer decodes from the Kafka value of this event. */
function decodedJson(eventType: string, init: Record<string, unknown>): Record<string, unknown> {
  const message = descriptors.getMessage(eventType) as DescMessage;
  return registry.fromBinary(eventType, toBinary(message, create(message, init)));
}

describe('the payload schemas', () => {
  it.each(routedTypes)('accept %s as consumers decode it, every field set or none', (eventType) => {
    const validate = payloadValidator(eventType);
    const full = decodedJson(eventType, everyFieldSet(descriptors.getMessage(eventType) as DescMessage));
    expect(Object.keys(full)).toEqual(Object.keys(doc.components.schemas[eventType]?.properties ?? {}));
    expect(validate(full) ? [] : validate.errors).toEqual([]);
    const empty = decodedJson(eventType, {});
    expect(validate(empty) ? [] : validate.errors).toEqual([]);
  });

  it('refuse JSON that is not the canonical form: a 64-bit integer as a number, an unknown enum name, a bad time', () => {
    const validate = payloadValidator('frm.events.v1.VoteRestored');
    expect(validate({ tallyEffect: { counted: 1 } })).toBe(false);
    expect(validate({ hold: 'VOTE_HOLD_MAYBE' })).toBe(false);
    expect(validate({ occurredAt: 'yesterday' })).toBe(false);
    expect(validate({ tallyEffect: { counted: '1' }, hold: 'VOTE_HOLD_NONE', occurredAt: '2026-06-20T10:00:00Z' })).toBe(true);
  });
});
