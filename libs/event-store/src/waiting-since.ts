import type { EventStore } from './event-store.port';
import type { Position } from './events';

/**
 * How long the oldest event after `checkpoint` has waited at `now`, in seconds: the lag in time of a
 * reader (a projection, a relay) that has handled everything up to `checkpoint`; 0 when none waits.
 */
export async function secondsWaitingAfter(eventStore: EventStore, checkpoint: Position | undefined, now: Date = new Date()): Promise<number> {
  for await (const page of eventStore.readAll({ after: checkpoint, pageSize: 1 })) {
    const oldest = page[0];
    if (oldest) return Math.max(0, (now.getTime() - oldest.recordedAt.getTime()) / 1000);
  }
  return 0;
}
