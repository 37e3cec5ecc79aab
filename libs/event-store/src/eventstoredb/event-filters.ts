import {
  eventTypeFilter,
  excludeSystemEvents,
  streamNameFilter,
  type Filter,
  type Position as EsdbPosition,
  type AllStreamSubscription,
} from '@eventstore/db-client';
import type { EventFilter } from '../event-store.port';

/** The server's filter window: it scans this many events per page before it can report a checkpoint. */
const SERVER_SEARCH_WINDOW = 32;

export interface CheckpointOptions {
  /** Roughly how many scanned events between two checkpoint notifications. */
  scannedPerCheckpoint: number;
  checkpointReached(subscription: AllStreamSubscription, position: EsdbPosition): void;
}

/**
 * The part of the filter the server can apply to a subscription. It filters on one thing only,
 * so with both type and stream prefixes it takes the types and `matchesFilter` checks the
 * rest; without prefixes it still drops system events, so that checkpoints keep flowing.
 */
export function serverSideFilter(filter: EventFilter | undefined, checkpoints: CheckpointOptions): Filter {
  const options = {
    checkpointInterval: Math.max(1, Math.ceil(checkpoints.scannedPerCheckpoint / SERVER_SEARCH_WINDOW)),
    checkpointReached: checkpoints.checkpointReached,
  };
  if (filter?.eventTypePrefixes?.length) return eventTypeFilter({ prefixes: [...filter.eventTypePrefixes], ...options });
  if (filter?.streamPrefixes?.length) return streamNameFilter({ prefixes: [...filter.streamPrefixes], ...options });
  return excludeSystemEvents(options);
}
