import type { Position } from '@frm/event-store';
import type { ProjectionRunner } from '@frm/projections';

/**
 * Read-your-writes for a caller: waits until the projection has applied an appended event, so a
 * request that was just submitted is in the very next list. Gives up (returns false) after
 * `timeoutMs` or when the projection is not running; the command has succeeded either way.
 */
export function waitUntilApplied(runner: ProjectionRunner, position: Position, timeoutMs: number): Promise<boolean> {
  return runner.waitUntilApplied(position, timeoutMs);
}
