import { comparePositions, type Position } from '@frm/event-store';

export function laterOf(a: Position, b: Position): Position {
  return comparePositions(a, b) >= 0 ? a : b;
}

/**
 * Approximate number of events between a checkpoint and the head: the distance between their
 * `prepare` positions, at least 1 while the checkpoint is behind. In the Postgres event store
 * `prepare` is the event's global sequence number, so this counts events of every type (plus
 * sequence gaps left by rolled-back appends); in EventStoreDB it is a distance in bytes.
 */
export function lagBetween(checkpoint: Position | undefined, head: Position | undefined): bigint {
  if (!head) return 0n;
  const from = checkpoint ?? { commit: 0n, prepare: 0n };
  if (comparePositions(from, head) >= 0) return 0n;
  const distance = head.prepare - from.prepare;
  return distance > 0n ? distance : 1n;
}
