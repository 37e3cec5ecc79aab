import {
  fromBinary,
  fromJson,
  toBinary,
  toJson,
  type DescMessage,
  type FileRegistry,
  type JsonValue,
} from '@bufbuild/protobuf';
import { findCanonicalJsonViolation } from './canonical-json';
import { readDescriptorImage } from './descriptor-image';
import { EventSchemaViolation } from './event-schema-violation.error';

/** The proto package of event schemas; an event type is the full name of one of its top-level messages. */
export const EVENTS_PACKAGE = 'frm.events.v1';

/** Checks and converts event data by event type (`frm.events.v1.VoteCast`), from the compiled contracts. */
export interface EventSchemaRegistry {
  has(eventType: string): boolean;
  /** Sorted; with a prefix (`frm.events.v1.Vote`) only the types starting with it. */
  eventTypes(prefix?: string): string[];
  /**
   * @throws EventSchemaViolation naming the event type and the offending field when `data` is not
   * canonical proto3 JSON of that event, or when the event type is unknown.
   */
  validate(eventType: string, data: unknown): void;
  /** Canonical JSON to protobuf bytes (Kafka payloads). @throws EventSchemaViolation as `validate`. */
  toBinary(eventType: string, data: unknown): Uint8Array;
  /** Protobuf bytes to canonical JSON. @throws EventSchemaViolation on an unknown type or bytes that do not decode. */
  fromBinary(eventType: string, bytes: Uint8Array): Record<string, unknown>;
}

let loaded: EventSchemaRegistry | undefined;

/** The registry of the contracts this build was generated from (read once, then shared). */
export function loadEventSchemaRegistry(): EventSchemaRegistry {
  loaded ??= createEventSchemaRegistry(readDescriptorImage());
  return loaded;
}

/** @param files descriptors including the event schemas' imports, e.g. readDescriptorImage() */
export function createEventSchemaRegistry(files: FileRegistry): EventSchemaRegistry {
  const schemas = new Map<string, DescMessage>();
  for (const type of files) {
    // Nested messages are parts of an event (VoteCast.Signals), never events themselves.
    if (type.kind === 'message' && type.file.proto.package === EVENTS_PACKAGE && type.parent === undefined) {
      schemas.set(type.typeName, type);
    }
  }
  return new DescriptorEventSchemaRegistry(schemas);
}

class DescriptorEventSchemaRegistry implements EventSchemaRegistry {
  private readonly sortedTypes: string[];

  constructor(private readonly schemas: ReadonlyMap<string, DescMessage>) {
    this.sortedTypes = [...schemas.keys()].sort();
  }

  has(eventType: string): boolean {
    return this.schemas.has(eventType);
  }

  eventTypes(prefix = ''): string[] {
    return this.sortedTypes.filter((eventType) => eventType.startsWith(prefix));
  }

  validate(eventType: string, data: unknown): void {
    this.parse(eventType, data);
  }

  toBinary(eventType: string, data: unknown): Uint8Array {
    return toBinary(this.schemaOf(eventType), this.parse(eventType, data));
  }

  fromBinary(eventType: string, bytes: Uint8Array): Record<string, unknown> {
    const schema = this.schemaOf(eventType);
    try {
      return toJson(schema, fromBinary(schema, bytes)) as Record<string, unknown>;
    } catch (error) {
      throw new EventSchemaViolation(eventType, undefined, `bytes do not decode: ${(error as Error).message}`);
    }
  }

  private parse(eventType: string, data: unknown) {
    const schema = this.schemaOf(eventType);
    const violation = findCanonicalJsonViolation(schema, data);
    if (violation) throw new EventSchemaViolation(eventType, violation.path, violation.reason);
    try {
      return fromJson(schema, data as JsonValue);
    } catch (error) {
      // The canonical check is stricter than the parser, so this is a safety net, not a code path.
      throw new EventSchemaViolation(eventType, undefined, (error as Error).message);
    }
  }

  private schemaOf(eventType: string): DescMessage {
    const schema = this.schemas.get(eventType);
    if (schema === undefined) {
      throw new EventSchemaViolation(eventType, undefined, `unknown event type: not a message of ${EVENTS_PACKAGE}`);
    }
    return schema;
  }
}
