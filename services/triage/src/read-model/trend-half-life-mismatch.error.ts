/** The read model's trends were added up with another half-life than the service is set to use. */
export class TrendHalfLifeMismatchError extends Error {
  override readonly name = 'TrendHalfLifeMismatchError';

  constructor(schema: string, stored: number, configured: number) {
    const days = (ms: number) => `${ms / 86_400_000} days`;
    super(
      `The triage read model in schema ${schema} adds up trends with a half-life of ${days(stored)}, but FRM_TRIAGE_HALF_LIFE is ${days(configured)}: ` +
        `set it back, or rebuild the read model with the new half-life (drop schema ${schema} while triage is stopped; it is rebuilt from the events at the next start)`,
    );
  }
}
