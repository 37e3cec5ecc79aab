import type { Position } from '@frm/event-store';

export type RelayState = 'stopped' | 'starting' | 'running' | 'retrying' | 'failed';

/** What operations tooling shows for one relay. */
export interface RelayStatus {
  relay: string;
  state: RelayState;
  /** Every routed event up to here is acknowledged by Kafka; `undefined` before the first batch. */
  checkpoint: Position | undefined;
  /** The event store's newest event; `undefined` while the store is empty. */
  head: Position | undefined;
  /** Approximately how many events the relay is behind the head (see lagBetween); 0 when caught up. */
  lag: bigint;
  /** Events this relay acknowledged since it was created (replays and duplicates included). */
  eventsPublished: number;
  /** Why the last attempt failed; cleared by the next batch that succeeds. */
  lastError: string | undefined;
}

/** A batch the relay has published and checkpointed. */
export interface PublishedBatch {
  events: number;
  checkpoint: Position;
}
