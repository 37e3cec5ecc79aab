import type { JsonObject } from '@frm/event-store';
import { currentRequestContext } from '@frm/logging';

const SCHEMA_VERSION = 1;

/**
 * The metadata of every event a command appends: the command that caused it, who acted, the
 * schema version, and the request's correlation id when there is one.
 */
export function commandEventMetadata(commandId: string, actorId: string): JsonObject {
  const context = currentRequestContext();
  const correlationId = context.correlationId ?? context.requestId;
  return { causationId: commandId, actor: actorId, schemaVersion: SCHEMA_VERSION, ...(correlationId ? { correlationId } : {}) };
}
