import { formatHalfLife } from './trend-half-life.setting';

/** Which read model holds trends added up with a half-life that is not the configured one. */
export interface TrendReadModel {
  /** The service that owns it, which must be stopped to rebuild it (`intake`, `triage`). */
  readonly service: string;
  /** Its live schema. */
  readonly schema: string;
}

/**
 * A read model's trend sums were added up with another half-life than the service is set to use:
 * mixing the two would rank by neither, so the service refuses to start rather than follow on.
 */
export class TrendHalfLifeMismatchError extends Error {
  override readonly name = 'TrendHalfLifeMismatchError';

  constructor(
    readonly readModel: TrendReadModel,
    readonly storedMs: number,
    readonly configuredMs: number,
  ) {
    const { service, schema } = readModel;
    super(
      `The ${service} read model in schema ${schema} adds up trends with a half-life of ${formatHalfLife(storedMs)}, ` +
        `but FRM_TREND_HALF_LIFE is ${formatHalfLife(configuredMs)}: set FRM_TREND_HALF_LIFE=${formatHalfLife(storedMs)} again, ` +
        `or rebuild the read model with the new half-life (drop schema ${schema} while ${service} is stopped; it is rebuilt from the events at the next start)`,
    );
  }
}
