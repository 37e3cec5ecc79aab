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
