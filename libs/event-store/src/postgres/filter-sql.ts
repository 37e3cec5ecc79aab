import type { EventFilter } from '../event-store.port';

/** A `LIKE` pattern matching everything that starts with `prefix`. */
export function prefixPattern(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The SQL condition for a filter, with its parameters numbered from `firstParam`;
 * `undefined` when the filter lets everything through.
 */
export function filterCondition(
  filter: EventFilter | undefined,
  firstParam: number,
): { sql: string; params: string[][] } | undefined {
  const parts: string[] = [];
  const params: string[][] = [];
  if (filter?.eventTypePrefixes?.length) {
    params.push(filter.eventTypePrefixes.map(prefixPattern));
    parts.push(`event_type like any($${firstParam + params.length - 1}::text[])`);
  }
  if (filter?.streamPrefixes?.length) {
    params.push(filter.streamPrefixes.map(prefixPattern));
    parts.push(`stream_id like any($${firstParam + params.length - 1}::text[])`);
  }
  return parts.length ? { sql: parts.join(' and '), params } : undefined;
}
