import { ScalarType, type DescEnum, type DescField, type DescMessage } from '@bufbuild/protobuf';
import type { ProtobufFieldFacts, Reference, SchemaObject } from './asyncapi.types';
import type { ProtoComments } from './proto-comments';

const INT32 = { minimum: -(2 ** 31), maximum: 2 ** 31 - 1 };
const UINT32 = { minimum: 0, maximum: 2 ** 32 - 1 };
const SIGNED_64 = { pattern: '^-?[0-9]+$', description: 'A 64-bit integer, written as a decimal string.' };
const UNSIGNED_64 = { pattern: '^[0-9]+$', description: 'An unsigned 64-bit integer, written as a decimal string.' };

/** Canonical proto3 JSON of each scalar type (https://protobuf.dev/programming-guides/json/). */
const scalarSchemas: Readonly<Record<ScalarType, SchemaObject>> = {
  [ScalarType.STRING]: { type: 'string' },
  [ScalarType.BOOL]: { type: 'boolean' },
  [ScalarType.BYTES]: { type: 'string', contentEncoding: 'base64' },
  [ScalarType.DOUBLE]: { type: 'number' },
  [ScalarType.FLOAT]: { type: 'number' },
  [ScalarType.INT32]: { type: 'integer', ...INT32 },
  [ScalarType.SINT32]: { type: 'integer', ...INT32 },
  [ScalarType.SFIXED32]: { type: 'integer', ...INT32 },
  [ScalarType.UINT32]: { type: 'integer', ...UINT32 },
  [ScalarType.FIXED32]: { type: 'integer', ...UINT32 },
  [ScalarType.INT64]: { type: 'string', ...SIGNED_64 },
  [ScalarType.SINT64]: { type: 'string', ...SIGNED_64 },
  [ScalarType.SFIXED64]: { type: 'string', ...SIGNED_64 },
  [ScalarType.UINT64]: { type: 'string', ...UNSIGNED_64 },
  [ScalarType.FIXED64]: { type: 'string', ...UNSIGNED_64 },
};

/** Well-known types whose JSON form is not an object of their fields. */
const wellKnownSchemas: Readonly<Record<string, SchemaObject>> = {
  'google.protobuf.Timestamp': { type: 'string', format: 'date-time', description: 'RFC 3339 in UTC, e.g. "2026-06-20T10:00:00.250Z".' },
  'google.protobuf.Duration': { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]{1,9})?s$', description: 'Seconds with an "s" suffix, e.g. "1.5s".' },
};

/**
 * JSON Schemas of protobuf messages in their canonical proto3 JSON form, which is what the
 * platform's decoders give (`EventSchemaRegistry.fromBinary`). Each message and enum is a component
 * schema named by its full protobuf name, referenced wherever it is used.
 */
export class ProtobufJsonSchemas {
  private readonly schemas = new Map<string, SchemaObject>();

  constructor(private readonly comments: ProtoComments) {}

  /** The component schemas collected so far, sorted by name. */
  components(): Record<string, SchemaObject> {
    return Object.fromEntries([...this.schemas].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** A reference to the message's schema, adding it (and the messages and enums it uses) to the components. */
  messageRef(message: DescMessage): Reference {
    if (!this.schemas.has(message.typeName)) {
      // Registered before its fields are built, so that a message containing itself terminates.
      this.schemas.set(message.typeName, {});
      this.schemas.set(message.typeName, this.messageSchema(message));
    }
    return componentRef(message.typeName);
  }

  private messageSchema(message: DescMessage): SchemaObject {
    return {
      type: 'object',
      title: message.name,
      ...describedBy(this.comments.get(message.typeName)),
      'x-protobuf-message': message.typeName,
      properties: Object.fromEntries(message.fields.map((field) => [field.jsonName, this.fieldSchema(message, field)])),
    };
  }

  private fieldSchema(message: DescMessage, field: DescField): SchemaObject {
    const facts: ProtobufFieldFacts = {
      name: field.name,
      number: field.number,
      type: protobufTypeOf(field),
      label: field.fieldKind === 'list' ? 'repeated' : field.fieldKind === 'map' ? 'map' : field.proto.proto3Optional ? 'optional' : 'singular',
      ...(field.oneof ? { oneof: field.oneof.name } : {}),
    };
    const described = { ...describedBy(this.comments.get(`${message.typeName}.${field.name}`)), 'x-protobuf-field': facts };
    switch (field.fieldKind) {
      case 'scalar':
        return withNote(scalarSchemas[field.scalar], described);
      case 'enum':
        return { allOf: [this.enumRef(field.enum)], ...described };
      case 'message':
        return this.singularMessageSchema(field.message, described);
      case 'list':
        return { type: 'array', items: this.elementSchema(field), ...described };
      case 'map':
        return { type: 'object', additionalProperties: this.elementSchema(field), ...described };
    }
  }

  private elementSchema(field: DescField & { fieldKind: 'list' | 'map' }): SchemaObject | Reference {
    const kind = field.fieldKind === 'list' ? field.listKind : field.mapKind;
    if (kind === 'scalar') return scalarSchemas[field.scalar as ScalarType];
    if (kind === 'enum') return this.enumRef(field.enum as DescEnum);
    return this.singularMessageSchema(field.message as DescMessage, {});
  }

  private singularMessageSchema(message: DescMessage, described: SchemaObject): SchemaObject {
    const wellKnown = wellKnownSchemas[message.typeName];
    if (wellKnown) return withNote(wellKnown, described);
    if (message.typeName.startsWith('google.protobuf.')) {
      throw new RangeError(`The event catalogue has no JSON form for ${message.typeName} yet; add it to wellKnownSchemas in protobuf-json-schemas.ts`);
    }
    return { allOf: [this.messageRef(message)], ...described };
  }

  private enumRef(enumeration: DescEnum): Reference {
    if (!this.schemas.has(enumeration.typeName)) {
      const meanings = enumeration.values.flatMap((value) => {
        const comment = this.comments.get(`${enumeration.typeName}.${value.name}`);
        return comment ? [[value.name, comment] as const] : [];
      });
      this.schemas.set(enumeration.typeName, {
        type: 'string',
        title: enumeration.name,
        ...describedBy(this.comments.get(enumeration.typeName)),
        enum: enumeration.values.map((value) => value.name),
        'x-protobuf-enum': enumeration.typeName,
        ...(meanings.length > 0 ? { 'x-enum-descriptions': Object.fromEntries(meanings) } : {}),
      });
    }
    return componentRef(enumeration.typeName);
  }
}

/** The type's schema where a field uses it: the field's own description first, then the type's note on its JSON form. */
function withNote(type: SchemaObject, field: SchemaObject): SchemaObject {
  const text = [field.description, type.description].filter(Boolean).join(' ');
  return { ...type, ...field, ...describedBy(text) };
}

/** `{ description }`, or nothing when there is no text: the document never holds `undefined`. */
export function describedBy(text: string | undefined): { description?: string } {
  return text ? { description: text } : {};
}

export function componentRef(name: string): Reference {
  return { $ref: `#/components/schemas/${name}` };
}

function protobufTypeOf(field: DescField): string {
  if (field.fieldKind === 'map') {
    const value = field.mapKind === 'scalar' ? scalarName(field.scalar) : field.mapKind === 'enum' ? field.enum.typeName : field.message.typeName;
    return `map<${scalarName(field.mapKey)}, ${value}>`;
  }
  if (field.message) return field.message.typeName;
  if (field.enum) return field.enum.typeName;
  return scalarName(field.scalar as ScalarType);
}

function scalarName(scalar: ScalarType): string {
  return ScalarType[scalar].toLowerCase();
}
