import { commandEventMetadata } from '@frm/event-sourcing';
import { eventIdFor, type EventStore, type JsonObject, type Position } from '@frm/event-store';

/**
 * Appends the one event of a command that needs no state to decide (a read mark, a whole new set of
 * preferences) to an append-only stream: no revision is checked, and the id derives from the
 * command, so a retry appends nothing.
 */
export async function appendCommandEvent(
  store: EventStore,
  streamId: string,
  commandId: string,
  actorId: string,
  event: { readonly type: string; readonly data: JsonObject },
  /** `no_stream` for an event that starts its stream (a webhook's creation). */
  expectedRevision: 'any' | 'no_stream' = 'any',
): Promise<Position> {
  const { position } = await store.appendToStream(streamId, [{ id: eventIdFor(commandId, 0), ...event, metadata: commandEventMetadata(commandId, actorId) }], {
    expectedRevision,
  });
  return position;
}
