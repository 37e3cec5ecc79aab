import type { JsonObject } from '@frm/event-store';
import { currentRequestContext } from '@frm/logging';
import { currentTraceparent } from '@frm/tracing';

const SCHEMA_VERSION = 1;

/**
 * The metadata of every event a command appends: the command that caused it, who acted, the
 * schema version, the request's correlation id and the trace context when there are.
 */
export function commandEventMetadata(commandId: string, actorId: string): JsonObject {
  const context = currentRequestContext();
  const correlationId = context.correlationId ?? context.requestId;
  // The span the command runs in: whoever reads the event (a consumer on Kafka) continues its trace.
  const traceparent = currentTraceparent();
  return { causationId: commandId, actor: actorId, schemaVersion: SCHEMA_VERSION, ...(correlationId ? { correlationId } : {}), ...(traceparent ? { traceparent } : {}) };
}
