import type { Position } from '@frm/event-store';

export type BuildPhase = 'building' | 'catching-up' | 'done';

/** Reported after every batch of a rebuild or verification. */
export interface BuildProgress {
  projection: string;
  /** `building` up to the head seen at the start, then `catching-up` with live events, then `done`. */
  phase: BuildPhase;
  /** Events applied to the new copy so far. */
  eventsApplied: number;
  checkpoint: Position;
  /** The event store's head when the build started. */
  head: Position | undefined;
  /** Approximate events left to that head: `prepare` distance, as for a runner's lag. */
  remaining: bigint;
}
