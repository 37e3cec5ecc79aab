export type { FollowUp, ProjectionDefinition, ProjectionSchema, SqlStatement } from './projection';
export { defineProjection } from './define-projection';
export { ProjectionRegistry, projectionRegistry } from './projection-registry';
export { defaultProjectionSchemaName, projectionSchema, projectionSchemaNames, type ProjectionSchemaNames } from './projection-schema';
export { ProjectionRunner, type ProjectionRunnerOptions } from './projection-runner';
export type { ProjectionState, ProjectionStatus } from './projection-status';
export type { ProjectionLogger } from './projection-logger';
export type { RetryPolicy } from './retry-policy';
export {
  ProjectionRebuilder,
  type BuildOptions,
  type ProjectionRebuilderOptions,
  type RebuildOptions,
  type RebuildResult,
} from './projection-rebuilder';
export type { BuildPhase, BuildProgress } from './build-progress';
export { dropAbandonedCopies } from './abandoned-copies';
export { projectionHealth, type ProjectionHealth, type ProjectionHealthRow } from './projection-health';
export { checksumProjection, type ProjectionChecksum, type TableChecksum } from './projection-checksum';
export type { TableDifference, VerifyReport } from './compare-copies';
export { compareCopies } from './compare-copies';
export { buildCopiesUpTo, type BuildCopiesUpToOptions, type CopiesUpToProgress, type CopiesUpToResult, type CopyToBuild } from './build-copies-up-to';
export { buildCopyUpTo, type BuildCopyUpToOptions, type CopyUpToProgress, type CopyUpToResult } from './build-copy-up-to';
export {
  NoLiveCopyError,
  ProjectionSchemaMissingError,
  ProjectionStoppedError,
  ProjectionVersionMismatchError,
  RebuildCancelledError,
  RebuildInProgressError,
  RebuildNotVerifiedError,
  RebuildTakenOverError,
} from './errors';
