import type { Position } from './events';

export const START: Position = Object.freeze({ commit: 0n, prepare: 0n });

export function comparePositions(a: Position, b: Position): -1 | 0 | 1 {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** `"<commit>/<prepare>"`: how positions appear in checkpoints, CLI arguments and logs. */
export function formatPosition(position: Position): string {
  return `${position.commit}/${position.prepare}`;
}

export function parsePosition(text: string): Position {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) throw new RangeError(`"${text}" is not a position; expected "<commit>/<prepare>", e.g. "0/0"`);
  return { commit: BigInt(match[1] as string), prepare: BigInt(match[2] as string) };
}

/**
 * Approximate number of events between a checkpoint and the head: the distance between their
 * `prepare` positions, at least 1 while the checkpoint is behind. In the Postgres event store
 * `prepare` is the event's global sequence number, so this counts events of every type (plus
 * sequence gaps left by rolled-back appends); in EventStoreDB it is a distance in bytes.
 */
export function lagBetween(checkpoint: Position | undefined, head: Position | undefined): bigint {
  if (!head) return 0n;
  const from = checkpoint ?? START;
  if (comparePositions(from, head) >= 0) return 0n;
  const distance = head.prepare - from.prepare;
  return distance > 0n ? distance : 1n;
}
