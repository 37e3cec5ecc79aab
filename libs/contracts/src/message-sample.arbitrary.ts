import { ScalarType, type DescEnum, type DescField, type DescMessage } from '@bufbuild/protobuf';
import fc from 'fast-check';

/** Test support: plain objects shaped as ts-proto's types (and proto-loader's objects) for any message. */
export interface SampleOptions {
  /** Every field set to a non-default value, so that a field lost on the way shows. */
  readonly full: boolean;
  /**
   * Only timestamps ts-proto's toJSON/fromJSON survive: they go through Date (whole milliseconds)
   * and come back with negative nanos before 1970.
   */
  readonly dateSafeTimestamps?: boolean;
  /** Timestamps from 1970 on, to the nanosecond: every event time the platform writes. */
  readonly timestampsFromEpoch?: boolean;
}

type Sample = Record<string, unknown>;

export function messageSample(schema: DescMessage, options: SampleOptions, depth = 0): fc.Arbitrary<Sample> {
  if (depth > 8) throw new Error(`${schema.typeName} nests too deep for samples: recursive message?`);
  if (schema.typeName === 'google.protobuf.Timestamp') return timestampSample(options);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const requiredKeys: string[] = [];
  for (const field of schema.fields) {
    if (field.oneof !== undefined) continue;
    model[field.jsonName] = fieldSample(field, options, depth);
    // Unset proto3 `optional` fields are absent keys, in ts-proto and proto-loader alike.
    if (options.full || !field.proto.proto3Optional) requiredKeys.push(field.jsonName);
  }
  const plain = fc.record(model, { requiredKeys, noNullPrototype: true });
  if (schema.oneofs.length === 0) return plain;
  const oneofs = schema.oneofs.map((oneof) => {
    const members = oneof.fields.map((field) =>
      fieldSample(field, options, depth).map((value) => ({ [field.jsonName]: value })),
    );
    return options.full ? fc.oneof(...members) : fc.oneof(fc.constant({}), ...members);
  });
  return fc.tuple(plain, ...oneofs).map((parts) => Object.assign({}, ...parts) as Sample);
}

function fieldSample(field: DescField, options: SampleOptions, depth: number): fc.Arbitrary<unknown> {
  switch (field.fieldKind) {
    case 'scalar':
      return scalarSample(field.scalar, options, field);
    case 'enum':
      return enumSample(field.enum, options);
    case 'message': {
      const message = messageSample(field.message, options, depth + 1);
      // ts-proto useNullAsOptional / proto-loader defaults: an absent message is null.
      return options.full ? message : fc.option(message, { nil: null });
    }
    case 'list': {
      const item =
        field.listKind === 'scalar'
          ? scalarSample(field.scalar, options, field)
          : field.listKind === 'enum'
            ? enumSample(field.enum, options)
            : messageSample(field.message, options, depth + 1);
      return fc.array(item, { minLength: options.full ? 1 : 0, maxLength: 3 });
    }
    case 'map':
      throw new Error(`${field.toString()}: map fields have no samples yet; add them here`);
  }
}

function scalarSample(type: ScalarType, { full }: SampleOptions, field: DescField): fc.Arbitrary<unknown> {
  const nonDefault = <T>(arbitrary: fc.Arbitrary<T>, defaultValue: T) =>
    full ? arbitrary.filter((value) => value !== defaultValue) : arbitrary;
  switch (type) {
    case ScalarType.STRING:
      return fc.string({ minLength: full ? 1 : 0, unit: 'grapheme' });
    case ScalarType.BOOL:
      return full ? fc.constant(true) : fc.boolean();
    case ScalarType.DOUBLE:
      // -0 is left out: ts-proto skips it as a default when encoding, protobufjs writes it.
      return nonDefault(fc.double(), 0).filter((value) => !Object.is(value, -0));
    case ScalarType.INT32:
    case ScalarType.SINT32:
    case ScalarType.SFIXED32:
      return nonDefault(fc.integer(), 0);
    case ScalarType.UINT32:
    case ScalarType.FIXED32:
      return nonDefault(fc.integer({ min: 0, max: 2 ** 32 - 1 }), 0);
    case ScalarType.INT64:
    case ScalarType.SINT64:
    case ScalarType.SFIXED64:
      return nonDefault(fc.bigInt(-(2n ** 63n), 2n ** 63n - 1n).map(String), '0');
    case ScalarType.UINT64:
    case ScalarType.FIXED64:
      return nonDefault(fc.bigInt(0n, 2n ** 64n - 1n).map(String), '0');
    default:
      throw new Error(`${field.toString()}: ${ScalarType[type]} fields have no samples yet; add them here`);
  }
}

function enumSample(schema: DescEnum, { full }: SampleOptions): fc.Arbitrary<string> {
  const names = schema.values.filter((value) => !full || value.number !== 0).map((value) => value.name);
  return fc.constantFrom(...names);
}

// The range canonical JSON can write: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z.
const MIN_SECONDS = -62_135_596_800;
const MAX_SECONDS = 253_402_300_799;

function timestampSample({ full, dateSafeTimestamps, timestampsFromEpoch }: SampleOptions): fc.Arbitrary<Sample> {
  const seconds = fc.integer({ min: dateSafeTimestamps || timestampsFromEpoch ? 0 : MIN_SECONDS, max: MAX_SECONDS }).map(String);
  const nanos = dateSafeTimestamps
    ? fc.integer({ min: 0, max: 999 }).map((millis) => millis * 1_000_000)
    : fc.integer({ min: 0, max: 999_999_999 });
  return fc
    .record({ seconds, nanos }, { noNullPrototype: true })
    .filter((timestamp) => !full || timestamp.seconds !== '0' || timestamp.nanos !== 0);
}
