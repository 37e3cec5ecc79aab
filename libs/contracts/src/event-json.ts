import type { DescMessage } from '@bufbuild/protobuf';
import { readDescriptorImage } from './descriptor-image';
import * as frmEventsV1 from './generated/index.frm.events.v1';
import { loadEventSchemaRegistry, type EventSchemaRegistry } from './event-schema-registry';

/** The ts-proto codec of one event message, e.g. `frmEventsV1.VoteCast`. */
export interface EventMessageFns<T> {
  /** The event type: the message's full name. */
  readonly $type: string;
  encode(message: T): { finish(): Uint8Array };
  decode(input: Uint8Array): T;
}

/**
 * Canonical proto3 JSON of a ts-proto event, as the event store keeps it. Goes through the binary
 * form rather than ts-proto's own toJSON, which rounds timestamps to milliseconds.
 */
export function toEventJson<T>(
  fns: EventMessageFns<T>,
  event: T,
  registry: EventSchemaRegistry = loadEventSchemaRegistry(),
): Record<string, unknown> {
  return registry.fromBinary(fns.$type, fns.encode(event).finish());
}

/** The ts-proto event of stored JSON. @throws EventSchemaViolation when the JSON is not canonical. */
export function fromEventJson<T>(
  fns: EventMessageFns<T>,
  json: unknown,
  registry: EventSchemaRegistry = loadEventSchemaRegistry(),
): T {
  return fns.decode(registry.toBinary(fns.$type, json));
}

/**
 * The ts-proto event of JSON read back from the event store, which validated it when it was
 * appended: ts-proto's own reader of canonical JSON, several times faster than {@link fromEventJson}
 * (no second validation, no trip through the binary form), which matters when a projection is
 * rebuilt from millions of events. It gives the same object as fromEventJson (a property test
 * holds it to that); JSON that was never validated goes through fromEventJson.
 */
export function fromStoredEventJson<T>(fns: EventMessageFns<T> & { fromJSON(json: unknown): T }, json: unknown): T {
  const message = fns.fromJSON(json) as Record<string, unknown>;
  // ts-proto's fromJSON sets an unset proto3 `optional` field to null, where decode leaves it out.
  for (const path of optionalFieldsOf(fns.$type)) dropNull(message, path);
  return message as T;
}

const optionalFields = new Map<string, readonly (readonly string[])[]>();

function optionalFieldsOf(typeName: string): readonly (readonly string[])[] {
  let paths = optionalFields.get(typeName);
  if (!paths) {
    const schema = readDescriptorImage().getMessage(typeName);
    paths = schema ? optionalPaths(schema, [], new Set()) : [];
    optionalFields.set(typeName, paths);
  }
  return paths;
}

function optionalPaths(schema: DescMessage, prefix: readonly string[], seen: Set<string>): (readonly string[])[] {
  if (seen.has(schema.typeName)) return [];
  seen.add(schema.typeName);
  return schema.fields.flatMap((field) => [
    ...(field.proto.proto3Optional ? [[...prefix, field.localName]] : []),
    ...(field.fieldKind === 'message' ? optionalPaths(field.message, [...prefix, field.localName], new Set(seen)) : []),
  ]);
}

function dropNull(message: Record<string, unknown>, path: readonly string[]): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    if (message[head] === null) delete message[head];
    return;
  }
  const inner = message[head];
  if (inner && typeof inner === 'object' && !Array.isArray(inner)) dropNull(inner as Record<string, unknown>, rest);
}

const exported: unknown[] = Object.values(frmEventsV1);
const fnsByEventType = new Map(
  exported
    .filter((value): value is EventMessageFns<unknown> => typeof (value as { $type?: unknown })?.$type === 'string')
    .map((fns) => [fns.$type, fns]),
);

/** The codec for an event type known only at run time (a stream of mixed events); undefined if unknown. */
export function eventMessageFnsOf(eventType: string): EventMessageFns<unknown> | undefined {
  return loadEventSchemaRegistry().has(eventType) ? fnsByEventType.get(eventType) : undefined;
}
