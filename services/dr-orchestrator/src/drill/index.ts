export { runRestoreDrill } from './restore-drill';
export { DRILL_PHASES, type DrillPhase, type DrillProgress, type DrillVerification, type RestoreDrillOptions } from './drill-options';
export { eventDifference, type RestoredEventsCheck } from './restored-events-check';
export {
  RECOVERY_TIME_OBJECTIVE_SECONDS,
  type DrillReport,
  type LedgerReport,
  type ProjectionCheck,
  type RestoredArchive,
  type TableDifferenceCount,
} from './drill-report';
export { RestoreDrillCancelledError, RestoreDrillFailedError } from './drill-errors';
export { ABANDONED_DRILL_AGE_MS, cleanUpAbandonedDrills, type CleanUpOptions } from './clean-up-abandoned-drills';
export { DRILL_SCHEMA_PREFIX } from './drill-schemas';
