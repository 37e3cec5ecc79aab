import type { DrillPhase } from './drill-options';

const DOING: Record<DrillPhase, string> = {
  'verify-files': 'verifying the backup files',
  restore: 'restoring the events into a scratch schema',
  ledger: 're-applying the erasure ledger to the restored events',
  rebuild: 'rebuilding the projections from the restored events',
  'verify-events': 'comparing the restored events with the live ones',
  reference: 'building reference copies from the live events',
  compare: 'comparing a restored projection with the live one',
  cleanup: 'dropping the scratch schemas',
};

function whatRemains(leftBehind: readonly string[]): string {
  return leftBehind.length
    ? `Scratch schemas ${leftBehind.join(', ')} could not be dropped: cleanUpAbandonedDrills removes them (the DR orchestrator runs it at start)`
    : 'Its scratch schemas were dropped; the live system was not changed';
}

/** The drill stopped on an error; the cause (e.g. BackupFileCorruptError naming the file) says what to fix. */
export class RestoreDrillFailedError extends Error {
  override readonly name = 'RestoreDrillFailedError';
  constructor(
    readonly drillId: string,
    readonly phase: DrillPhase | undefined,
    override readonly cause: unknown,
    readonly leftBehind: readonly string[],
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`Restore drill ${drillId} failed ${phase ? `while ${DOING[phase]}` : 'before it began'}: ${reason}. ${whatRemains(leftBehind)}`);
  }
}

/** The caller's signal stopped the drill. */
export class RestoreDrillCancelledError extends Error {
  override readonly name = 'RestoreDrillCancelledError';
  constructor(
    readonly drillId: string,
    readonly phase: DrillPhase | undefined,
    readonly leftBehind: readonly string[],
  ) {
    super(`Restore drill ${drillId} was cancelled${phase ? ` while ${DOING[phase]}` : ''}. ${whatRemains(leftBehind)}`);
  }
}
