import { formatPosition, type RecordedEvent } from '@frm/event-store';
import type { VerifyReport } from './compare-copies';

// Errors marked `fatal` end a runner or rebuild at once: retrying cannot fix them.

/** The projection's schema or its checkpoint table is gone (dropped or renamed by hand). */
export class ProjectionSchemaMissingError extends Error {
  override readonly name = 'ProjectionSchemaMissingError';
  readonly fatal = true;
  constructor(
    readonly schema: string,
    override readonly cause?: unknown,
  ) {
    super(
      `Schema "${schema}" has no projection checkpoint: it was dropped or renamed outside the projection runner. ` +
        `Start the runner again to recreate it empty and replay from the start, or rebuild the projection`,
    );
  }
}

/** The live copy was built by another version (or another projection) than the code running now. */
export class ProjectionVersionMismatchError extends Error {
  override readonly name = 'ProjectionVersionMismatchError';
  readonly fatal = true;
  constructor(
    readonly projection: string,
    readonly version: number,
    readonly schema: string,
    readonly found: { projection: string; version: number },
  ) {
    super(
      found.projection !== projection
        ? `Schema "${schema}" holds projection "${found.projection}", not "${projection}"; give "${projection}" a schema of its own`
        : `Schema "${schema}" holds version ${found.version} of projection "${projection}" but this code is version ${version}; ` +
            `rebuild it (ProjectionRebuilder.rebuild, or "frm projections rebuild ${projection}") before starting its runner`,
    );
  }
}

/** Applying one event failed; carries the event so that retries and the final error can name it. */
export class EventApplyError extends Error {
  override readonly name = 'EventApplyError';
  constructor(
    readonly projection: string,
    readonly event: RecordedEvent,
    override readonly cause: unknown,
  ) {
    super(`Projection "${projection}" failed to apply ${describeEvent(event)}: ${reasonOf(cause)}`);
  }
}

/** An event kept failing, so the projection stopped in front of it rather than skip it. */
export class ProjectionStoppedError extends Error {
  override readonly name = 'ProjectionStoppedError';
  readonly eventId: string;
  readonly eventType: string;
  readonly position: RecordedEvent['position'];
  constructor(
    readonly projection: string,
    event: RecordedEvent,
    readonly attempts: number,
    override readonly cause: unknown,
  ) {
    super(
      `Projection "${projection}" stopped at ${describeEvent(event)} after ${attempts} attempt(s): ${reasonOf(cause)}. ` +
        `Nothing of that batch was applied. Fix the handler (and raise its version if its output changes) or the data it ` +
        `relies on, then start the projection again: it resumes at this event`,
    );
    this.eventId = event.id;
    this.eventType = event.type;
    this.position = event.position;
  }
}

/** Another rebuild or verification of the same projection is writing its copy right now. */
export class RebuildInProgressError extends Error {
  override readonly name = 'RebuildInProgressError';
  constructor(
    readonly projection: string,
    readonly schema: string,
    staleAfterMs: number,
  ) {
    super(
      `Another rebuild of projection "${projection}" is writing schema "${schema}"; wait for it to finish or cancel it. ` +
        `If its process died, this schema is taken over once it has been idle for ${staleAfterMs} ms`,
    );
  }
}

/** A second rebuild took over this one's copy (this one looked dead to it). */
export class RebuildTakenOverError extends Error {
  override readonly name = 'RebuildTakenOverError';
  readonly fatal = true;
  constructor(
    readonly projection: string,
    readonly schema: string,
  ) {
    super(
      `The rebuild of projection "${projection}" lost schema "${schema}" to another rebuild that found it idle; ` +
        `let that one finish, or raise staleAfterMs if batches legitimately take that long`,
    );
  }
}

/** The caller's AbortSignal fired before the swap (or comparison); the live copy is as it was. */
export class RebuildCancelledError extends Error {
  override readonly name = 'RebuildCancelledError';
  constructor(
    readonly projection: string,
    readonly operation: 'rebuild' | 'verification',
  ) {
    super(`The ${operation} of projection "${projection}" was cancelled; the live copy was left untouched and the new copy dropped`);
  }
}

/** `verify` needs a live copy to compare with. */
export class NoLiveCopyError extends Error {
  override readonly name = 'NoLiveCopyError';
  readonly fatal = true;
  constructor(
    readonly projection: string,
    readonly schema: string,
  ) {
    super(`Projection "${projection}" has no live copy in schema "${schema}" to verify; start its runner or rebuild it first`);
  }
}

export function isFatal(error: unknown): boolean {
  return (error as { fatal?: unknown } | undefined)?.fatal === true;
}

function describeEvent(event: RecordedEvent): string {
  return `event ${event.id} (${event.type}, stream ${event.streamId}, position ${formatPosition(event.position)})`;
}

function reasonOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

/**
 * A rebuilt copy differs from the live one, and the rebuild was not told that the differences are
 * expected: nothing was swapped, and the report says what differs.
 */
export class RebuildNotVerifiedError extends Error {
  override readonly name = 'RebuildNotVerifiedError';
  readonly fatal = true;
  constructor(readonly report: VerifyReport) {
    const tables = report.differences.map((difference) => difference.table).join(', ');
    super(
      `The rebuilt copy of projection "${report.projection}" differs from the live one in ${report.differences.length} table(s) (${tables}) ` +
        `at ${formatPosition(report.checkpoint)}; the live copy was kept. If the live rows are the damaged ones, rebuild again accepting the differences`,
    );
  }
}
