import { END, START as ESDB_START, type Position as EsdbPosition, type ReadPosition } from '@eventstore/db-client';
import type { Position } from '../events';
import { comparePositions } from '../position';

/** EventStoreDB's commit/prepare positions in its transaction log are ours one to one. */
export function fromEsdbPosition(position: EsdbPosition): Position {
  return { commit: position.commit, prepare: position.prepare };
}

export function toEsdbPosition(position: Position): EsdbPosition {
  return { commit: position.commit, prepare: position.prepare };
}

/** Where a read or subscription starts: the start, the end, or a position. */
export function toReadPosition(from: Position | 'end' | undefined): ReadPosition {
  if (from === undefined) return ESDB_START;
  if (from === 'end') return END;
  return from.commit === 0n && from.prepare === 0n ? ESDB_START : toEsdbPosition(from);
}

/**
 * True when `position` comes strictly after `after` (always, without `after`).
 * Forward reads of `$all` include the event at their start position, so every read is trimmed with this.
 */
export function isAfter(position: Position, after: Position | undefined): boolean {
  return after === undefined || comparePositions(position, after) > 0;
}

export function laterOf(a: Position | undefined, b: Position): Position {
  return a !== undefined && comparePositions(a, b) >= 0 ? a : b;
}
