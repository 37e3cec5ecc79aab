/** Percentile (0–100) of a list of durations, by the nearest-rank method. */
export function percentile(durationsMs: readonly number[], p: number): number {
  if (durationsMs.length === 0) return Number.NaN;
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}
