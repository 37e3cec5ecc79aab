import { formatPosition, type RecordedEvent } from '@frm/event-store';

/** One event as one JSON line; positions in their `<commit>/<prepare>` form, which `--from` takes back. */
export function eventJsonLine(event: RecordedEvent): string {
  return JSON.stringify({
    position: formatPosition(event.position),
    id: event.id,
    type: event.type,
    streamId: event.streamId,
    revision: Number(event.revision),
    recordedAt: event.recordedAt.toISOString(),
    data: event.data,
    metadata: event.metadata,
  });
}
