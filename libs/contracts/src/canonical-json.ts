import {
  fromJson,
  ScalarType,
  type DescEnum,
  type DescField,
  type DescMessage,
  type JsonValue,
} from '@bufbuild/protobuf';

/** Where JSON departs from canonical proto3 JSON, and why. */
export interface JsonViolation {
  /** `signals[0].score`; undefined for the value as a whole. */
  readonly path: string | undefined;
  readonly reason: string;
}

class ViolationFound extends Error {
  constructor(readonly violation: JsonViolation) {
    super(violation.reason);
  }
}

/**
 * Checks `json` against `schema` the way a strict proto3 JSON parser would, and beyond: also refuses
 * what parsers accept but no canonical writer produces (proto field names, nulls, enum numbers,
 * int64 numbers, non-UTC timestamps), so that every event in the store has one spelling that
 * projections can rely on. Knowing the path is what makes the error actionable.
 */
export function findCanonicalJsonViolation(schema: DescMessage, json: unknown): JsonViolation | undefined {
  try {
    checkMessage(schema, json, undefined);
    return undefined;
  } catch (error) {
    if (error instanceof ViolationFound) return error.violation;
    throw error;
  }
}

function fail(path: string | undefined, reason: string): never {
  throw new ViolationFound({ path, reason });
}

function checkMessage(schema: DescMessage, json: unknown, path: string | undefined): void {
  if (schema.file.proto.package === 'google.protobuf') return checkWellKnownType(schema, json, path);
  if (!isJsonObject(json)) fail(path, `expected an object (${schema.typeName}), got ${describe(json)}`);
  const fieldsByJsonName = new Map(schema.fields.map((field) => [field.jsonName, field]));
  for (const [key, value] of Object.entries(json)) {
    const at = path === undefined ? key : `${path}.${key}`;
    const field = fieldsByJsonName.get(key);
    if (field === undefined) {
      const byProtoName = schema.fields.find((candidate) => candidate.name === key);
      fail(at, byProtoName ? `not canonical: spell it "${byProtoName.jsonName}"` : `unknown field of ${schema.typeName}`);
    }
    if (value === null) fail(at, 'null is not canonical: leave the field out');
    checkField(field, value, at);
  }
  for (const oneof of schema.oneofs) {
    const set = oneof.fields.filter((field) => field.jsonName in json);
    if (set.length > 1) fail(path, `only one of ${set.map((field) => field.jsonName).join(', ')} may be set`);
  }
}

function checkField(field: DescField, value: unknown, path: string): void {
  switch (field.fieldKind) {
    case 'scalar':
      return checkScalar(field.scalar, value, path);
    case 'enum':
      return checkEnum(field.enum, value, path);
    case 'message':
      return checkMessage(field.message, value, path);
    case 'list': {
      if (!Array.isArray(value)) fail(path, `expected an array, got ${describe(value)}`);
      value.forEach((item: unknown, index) => {
        const at = `${path}[${index}]`;
        if (item === null) fail(at, 'null is not allowed in a list');
        if (field.listKind === 'scalar') checkScalar(field.scalar, item, at);
        else if (field.listKind === 'enum') checkEnum(field.enum, item, at);
        else checkMessage(field.message, item, at);
      });
      return;
    }
    case 'map': {
      if (!isJsonObject(value)) fail(path, `expected an object, got ${describe(value)}`);
      for (const [key, item] of Object.entries(value)) {
        const at = `${path}[${JSON.stringify(key)}]`;
        if (item === null) fail(at, 'null is not allowed as a map value');
        if (field.mapKind === 'scalar') checkScalar(field.scalar, item, at);
        else if (field.mapKind === 'enum') checkEnum(field.enum, item, at);
        else checkMessage(field.message, item, at);
      }
      return;
    }
  }
}

const NON_FINITE = ['NaN', 'Infinity', '-Infinity'];
const INT32_RANGE = [-(2 ** 31), 2 ** 31 - 1] as const;
const UINT32_RANGE = [0, 2 ** 32 - 1] as const;
const INT64_RANGE = [-(2n ** 63n), 2n ** 63n - 1n] as const;
const UINT64_RANGE = [0n, 2n ** 64n - 1n] as const;

function checkScalar(type: ScalarType, value: unknown, path: string): void {
  switch (type) {
    case ScalarType.STRING:
      if (typeof value !== 'string') fail(path, `expected a string, got ${describe(value)}`);
      return;
    case ScalarType.BOOL:
      if (typeof value !== 'boolean') fail(path, `expected true or false, got ${describe(value)}`);
      return;
    case ScalarType.BYTES:
      if (typeof value !== 'string' || !/^[A-Za-z0-9+/\-_]*={0,2}$/.test(value)) {
        fail(path, `expected base64 bytes, got ${describe(value)}`);
      }
      return;
    case ScalarType.DOUBLE:
    case ScalarType.FLOAT:
      if (!(typeof value === 'number' && Number.isFinite(value)) && !NON_FINITE.includes(value as string)) {
        fail(path, `expected a number, got ${describe(value)}`);
      }
      return;
    case ScalarType.INT32:
    case ScalarType.SINT32:
    case ScalarType.SFIXED32:
      return checkInteger(value, INT32_RANGE, path);
    case ScalarType.UINT32:
    case ScalarType.FIXED32:
      return checkInteger(value, UINT32_RANGE, path);
    case ScalarType.INT64:
    case ScalarType.SINT64:
    case ScalarType.SFIXED64:
      return checkInt64(value, INT64_RANGE, path);
    case ScalarType.UINT64:
    case ScalarType.FIXED64:
      return checkInt64(value, UINT64_RANGE, path);
  }
}

function checkInteger(value: unknown, [min, max]: readonly [number, number], path: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(path, `expected an integer from ${min} to ${max}, got ${describe(value)}`);
  }
}

function checkInt64(value: unknown, [min, max]: readonly [bigint, bigint], path: string): void {
  // Canonical proto3 JSON writes 64-bit integers as strings: a JSON number loses digits past 2^53.
  if (typeof value !== 'string' || !/^-?(0|[1-9]\d*)$/.test(value) || BigInt(value) < min || BigInt(value) > max) {
    fail(path, `expected a 64-bit integer as a decimal string from "${min}" to "${max}", got ${describe(value)}`);
  }
}

function checkEnum(schema: DescEnum, value: unknown, path: string): void {
  if (typeof value === 'string' && schema.values.some((enumValue) => enumValue.name === value)) return;
  const names = schema.values.map((enumValue) => enumValue.name).join(', ');
  fail(path, `expected one of ${names} (${schema.typeName}), got ${describe(value)}`);
}

function checkWellKnownType(schema: DescMessage, json: unknown, path: string | undefined): void {
  if (schema.typeName === 'google.protobuf.Timestamp' && !(typeof json === 'string' && json.endsWith('Z'))) {
    fail(path, `expected an RFC 3339 UTC timestamp like "2026-06-20T14:30:00Z", got ${describe(json)}`);
  }
  try {
    fromJson(schema, json as JsonValue);
  } catch (error) {
    fail(path, `${describe(json)} is not a valid ${schema.typeName}: ${(error as Error).message}`);
  }
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
