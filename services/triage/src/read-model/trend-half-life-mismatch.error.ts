import { TrendHalfLifeMismatchError as ReadModelTrendHalfLifeMismatchError } from '@frm/trend';

/** The triage read model's trends were added up with another half-life than FRM_TREND_HALF_LIFE (the shared error, named for triage). */
export class TrendHalfLifeMismatchError extends ReadModelTrendHalfLifeMismatchError {
  constructor(schema: string, stored: number, configured: number) {
    super({ service: 'triage', schema }, stored, configured);
  }
}
