import type { Position } from '@frm/event-store';

export type ProjectionState = 'stopped' | 'starting' | 'running' | 'retrying' | 'failed';

/** What operations tooling shows for one projection. */
export interface ProjectionStatus {
  projection: string;
  version: number;
  /** Where readers find the live tables. */
  schema: string;
  state: ProjectionState;
  /** The live copy's checkpoint; `undefined` until the copy exists. */
  checkpoint: Position | undefined;
  /** The event store's newest event; `undefined` while the store is empty. */
  head: Position | undefined;
  /** Approximate events behind the head (the distance between `prepare` positions: in the Postgres event store, events of every type appended after the checkpoint); 0 when caught up. */
  lag: bigint;
  /** Events this runner applied since it was created. */
  eventsApplied: number;
  /** Why the last attempt failed; cleared by the next batch that succeeds. */
  lastError: string | undefined;
}
