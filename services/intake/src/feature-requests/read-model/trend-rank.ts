/** Significant digits of the trend sum that the rank keeps: 133 bits, far beyond a double's 53. */
export const TREND_RANK_DIGITS = 40;

/**
 * The SQL of a request's rank in the `trending` sort, from its trend sum (a whole `numeric`): the
 * sum's number of digits, then its first {@link TREND_RANK_DIGITS} digits. Ordering by it is
 * ordering by the sum, except that two sums equal to 40 significant digits tie (and the newer
 * request comes first). Why not the sum itself: a page token carries the last row's sort key and
 * must stay under 1 KB, while the sum has about 0.3 × (64 + (now − 2020) ÷ half-life) digits —
 * some 130 at 7 days, but nearly 800 at a day and 18,000 at an hour in late 2026, and more every
 * year. The rank has at most 46 digits.
 */
export function trendRankSql(sum: string): string {
  const digits = `${sum}::text`;
  return `length(${digits})::numeric * 1e${TREND_RANK_DIGITS} + rpad(left(${digits}, ${TREND_RANK_DIGITS}), ${TREND_RANK_DIGITS}, '0')::numeric`;
}
