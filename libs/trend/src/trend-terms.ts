import { trendOfSum, voteTerm, type TrendState } from './trend';

/**
 * Votes cast before this instant count as cast at it. It bounds the size of the whole numbers below:
 * a sum needs about 64 + (now − origin) ÷ half-life bits, 400 bits in 2026 at the default 7 days.
 */
export const TREND_ORIGIN_MS = Date.UTC(2020, 0, 1);

/**
 * The trend of a request as a whole number that a database can add up exactly (Postgres `numeric`):
 * Σ 2^(tᵢ/halfLife) of {@link voteTerm} scaled by 2^-unitExponent, where unitExponent is the smallest
 * exponent a term from {@link TREND_ORIGIN_MS} on can have. Exact addition in any order gives the
 * same whole number, so a read model that adds and subtracts these per vote event holds, bit for
 * bit, the state that folding the same votes with `addVote` and `removeVote` gives.
 */
export function trendTermOf(halfLifeMs: number, votedAt: number): bigint {
  const term = voteTerm(halfLifeMs, Math.max(votedAt, TREND_ORIGIN_MS));
  return term.mantissa << BigInt(term.exponent - unitExponent(halfLifeMs));
}

/** The trend whose {@link trendTermOf} terms add up to `sum`. */
export function trendOfTermSum(halfLifeMs: number, sum: bigint): TrendState {
  return trendOfSum(halfLifeMs, { mantissa: sum, exponent: unitExponent(halfLifeMs) });
}

function unitExponent(halfLifeMs: number): number {
  // voteTerm's exponent is ⌊t/h⌋ − 64 plus the trailing zeros it strips, never less.
  return Math.floor(TREND_ORIGIN_MS / halfLifeMs) - 64;
}
