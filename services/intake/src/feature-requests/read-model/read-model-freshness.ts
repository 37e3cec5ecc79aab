import { setTimeout as sleep } from 'node:timers/promises';
import { comparePositions, type Position } from '@frm/event-store';
import type { ProjectionRunner } from '@frm/projections';

const LONGEST_POLL_MS = 25;

/**
 * Read-your-writes for a caller: waits until the projection has applied an appended event, so a
 * request that was just submitted is in the very next list. Gives up (returns false) after
 * `timeoutMs` or when the projection is not running; the command has succeeded either way.
 */
export async function waitUntilApplied(runner: ProjectionRunner, position: Position, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (let pollMs = 1; ; pollMs = Math.min(pollMs * 2, LONGEST_POLL_MS)) {
    const { checkpoint, state } = await runner.status();
    if (checkpoint !== undefined && comparePositions(checkpoint, position) >= 0) return true;
    if (state === 'failed' || state === 'stopped' || Date.now() >= deadline) return false;
    await sleep(pollMs);
  }
}
