import { comparePositions, type Position } from '@frm/event-store';

export function laterOf(a: Position, b: Position): Position {
  return comparePositions(a, b) >= 0 ? a : b;
}
