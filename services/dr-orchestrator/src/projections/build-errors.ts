import { AbortedError, FailedPreconditionError } from '@frm/grpc-errors';
import { NoLiveCopyError, ProjectionStoppedError, RebuildInProgressError, RebuildTakenOverError } from '@frm/projections';

/** A rebuild's or verification's failure as the caller should see it; others stay as they are. */
export function buildErrorOf(error: unknown): unknown {
  if (error instanceof RebuildInProgressError || error instanceof RebuildTakenOverError) return new AbortedError(error.message, { cause: error });
  if (error instanceof NoLiveCopyError || error instanceof ProjectionStoppedError) return new FailedPreconditionError(error.message, { cause: error });
  return error;
}
