import type { EventFilter } from './event-store.port';

/** The port's filter on one event: every listed kind must match one of its prefixes. */
export function matchesFilter(filter: EventFilter | undefined, type: string, streamId: string): boolean {
  const types = filter?.eventTypePrefixes ?? [];
  const streams = filter?.streamPrefixes ?? [];
  return (
    (types.length === 0 || types.some((prefix) => type.startsWith(prefix))) &&
    (streams.length === 0 || streams.some((prefix) => streamId.startsWith(prefix)))
  );
}
