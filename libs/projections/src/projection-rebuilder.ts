import type { EventStore, Position } from '@frm/event-store';
import type { SqlDatabase } from '@frm/postgres';
import type { BuildProgress } from './build-progress';
import { readCheckpointIfExists } from './checkpoint-table';
import { compareCopies, type VerifyReport } from './compare-copies';
import { assertValidDefinition } from './define-projection';
import { NoLiveCopyError, RebuildCancelledError, RebuildNotVerifiedError } from './errors';
import { dropSchema } from './install-projection';
import type { ProjectionDefinition } from './projection';
import { ProjectionCopyBuild, type CopyBuildOptions } from './projection-copy-build';
import type { ProjectionLogger } from './projection-logger';
import { defaultProjectionSchemaName, projectionSchemaNames, type ProjectionSchemaNames } from './projection-schema';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
import { swapIn } from './swap-in';

export interface ProjectionRebuilderOptions {
  projection: ProjectionDefinition;
  eventStore: EventStore;
  db: SqlDatabase;
  /** The live schema, as given to the projection's runner (default `projection_<name>`). */
  schema?: string;
  /** Events per batch while building (default 1000). */
  batchSize?: number;
  retry?: RetryPolicy;
  /** A copy not written for this long is taken to belong to a dead process (default 60 s). */
  staleAfterMs?: number;
  logger?: ProjectionLogger;
}

export interface BuildOptions {
  /** Cancels the build; the live copy stays as it was. Too late once the swap has committed. */
  signal?: AbortSignal;
  onProgress?(progress: BuildProgress): void;
}

export interface RebuildOptions extends BuildOptions {
  /**
   * Compare the rebuilt copy with a live copy of the same version before swapping, at the same
   * checkpoint: equal copies are swapped; different ones only with `acceptDifferences` (the live
   * rows are the damaged ones), else {@link RebuildNotVerifiedError} and nothing changes.
   */
  verify?: { acceptDifferences: boolean };
}

export interface RebuildResult {
  projection: string;
  version: number;
  schema: string;
  /** The swapped-in copy's checkpoint: the live runner carries on from here. */
  checkpoint: Position;
  eventsApplied: number;
  durationMs: number;
  /** The comparison made before the swap, when asked for and a live copy of this version existed. */
  verification?: VerifyReport;
  /** Why nothing was compared, when a comparison was asked for but could not be made. */
  notComparedBecause?: string;
}

/**
 * Rebuilds a projection from the first event without downtime: builds a shadow copy while the
 * live one keeps serving and being updated, catches up, swaps the two atomically and drops the
 * old one. `verify` builds a scratch copy the same way and compares instead of swapping.
 */
export class ProjectionRebuilder {
  readonly schemas: ProjectionSchemaNames;

  constructor(private readonly options: ProjectionRebuilderOptions) {
    assertValidDefinition(options.projection);
    this.schemas = projectionSchemaNames(options.schema ?? defaultProjectionSchemaName(options.projection.name));
  }

  /**
   * Rejects with {@link RebuildCancelledError} when cancelled, `RebuildInProgressError` when
   * another rebuild runs, `ProjectionStoppedError` when an event cannot be applied; in every such
   * case the live copy is untouched and the shadow copy dropped.
   */
  async rebuild(options: RebuildOptions = {}): Promise<RebuildResult> {
    const started = Date.now();
    const { projection } = this.options;
    const build = this.copyBuild(this.schemas.shadow, 'head', options, async (tx, checkpoint, live) => {
      if (options.signal?.aborted) throw new RebuildCancelledError(projection.name, 'rebuild');
      let compared: Pick<RebuildResult, 'verification' | 'notComparedBecause'> = {};
      if (options.verify) {
        if (!live) compared = { notComparedBecause: 'there was no live copy' };
        else if (live.projection !== projection.name || live.version !== projection.version) {
          compared = { notComparedBecause: `the live copy was version ${live.version} of "${live.projection}", this is version ${projection.version}` };
        } else {
          const verification = await compareCopies(tx, projection.name, this.schemas.live, this.schemas.shadow, checkpoint);
          if (!verification.matches && !options.verify.acceptDifferences) throw new RebuildNotVerifiedError(verification);
          compared = { verification };
        }
      }
      // Comparing takes a while: a cancel that came meanwhile still stops the swap.
      if (options.signal?.aborted) throw new RebuildCancelledError(projection.name, 'rebuild');
      await swapIn(tx, this.schemas);
      return compared;
    });
    const outcome = await this.runClaimed(build, 'rebuild');
    await dropSchema(this.options.db, this.schemas.retired).catch((error: unknown) =>
      this.options.logger?.warn(
        { projection: projection.name, schema: this.schemas.retired, err: error },
        'The previous copy could not be dropped; the next rebuild drops it',
      ),
    );
    this.options.logger?.info(
      { projection: projection.name, eventsApplied: outcome.eventsApplied },
      `Projection ${projection.name} rebuilt and swapped in`,
    );
    return {
      projection: projection.name,
      version: projection.version,
      schema: this.schemas.live,
      checkpoint: outcome.checkpoint,
      eventsApplied: outcome.eventsApplied,
      durationMs: Date.now() - started,
      ...outcome.result,
    };
  }

  /**
   * Builds a scratch copy up to the live copy's checkpoint and reports the tables and rows that
   * differ; swaps nothing. The live runner waits while each scratch batch, and finally the
   * comparison, runs, so that both copies stand at the same checkpoint.
   */
  async verify(options: BuildOptions = {}): Promise<VerifyReport> {
    const { projection, db } = this.options;
    if (!(await readCheckpointIfExists(db, this.schemas.live))) throw new NoLiveCopyError(projection.name, this.schemas.live);
    const build = this.copyBuild(this.schemas.scratch, 'start', options, async (tx, checkpoint, live) => {
      if (!live) throw new NoLiveCopyError(projection.name, this.schemas.live);
      return compareCopies(tx, projection.name, this.schemas.live, this.schemas.scratch, checkpoint);
    });
    try {
      return (await this.runClaimed(build, 'verification')).result;
    } finally {
      await build.discard().catch(() => undefined);
    }
  }

  private async runClaimed<Result>(build: ProjectionCopyBuild<Result>, operation: 'rebuild' | 'verification') {
    await build.claim();
    try {
      const outcome = await build.run();
      if (!outcome) throw new RebuildCancelledError(this.options.projection.name, operation);
      return outcome;
    } catch (error) {
      await build.discard().catch(() => undefined);
      throw error;
    }
  }

  private copyBuild<Result>(
    target: string,
    followLiveFrom: 'start' | 'head',
    options: BuildOptions,
    complete: CopyBuildOptions<Result>['complete'],
  ): ProjectionCopyBuild<Result> {
    return new ProjectionCopyBuild<Result>({
      projection: this.options.projection,
      eventStore: this.options.eventStore,
      db: this.options.db,
      liveSchema: this.schemas.live,
      target,
      batchSize: this.options.batchSize ?? 1_000,
      retry: { ...DEFAULT_RETRY_POLICY, ...this.options.retry },
      staleAfterMs: this.options.staleAfterMs ?? 60_000,
      signal: options.signal ?? new AbortController().signal,
      followLiveFrom,
      complete,
      onProgress: options.onProgress,
      logger: this.options.logger,
    });
  }
}
