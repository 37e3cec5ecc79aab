export interface HubnessCorrection {
  /** How many of a candidate's most alike fellow candidates make its baseline. */
  readonly neighbours: number;
  /** The share of its baseline taken off a candidate's score, 0…1. */
  readonly weight: number;
}

/**
 * Chosen on the labelled set (`npm run eval:duplicates`) over 2, 3, 5, 8 and 10 neighbours and
 * weights 0.25–1: in-sample the labelled duplicate comes first for 78 of 106 queries instead of 69
 * (recall@1 0.74, recall@5 unchanged at 0.92). With both chosen on four fifths of the queries and
 * measured on the fifth, recall@1 is 0.67, 0.74 and 0.70 (three shuffles); chosen on the other
 * trackers and measured on each, 0.72. With 3 to 8 neighbours at weights 0.5–0.75 every setting
 * ranks at least 73 first, so the gain is not one lucky setting.
 */
export const DEFAULT_HUBNESS_CORRECTION: HubnessCorrection = { neighbours: 5, weight: 0.75 };

export interface Scored {
  readonly id: string;
  readonly score: number;
}

export interface HubnessOptions {
  readonly correction?: HubnessCorrection;
  /** Only the best this many are needed: candidates that cannot reach them are not corrected. */
  readonly limit?: number;
  /**
   * Whether the candidate at this index has the query's very text: the query itself (a request's own
   * page, a pasted text), a perfect match as it is, and no neighbour of the others, which are then
   * scored as before it was submitted.
   */
  readonly isQuery?: (index: number) => boolean;
}

/**
 * The candidates, best first, each scored by how much more alike it is to the query than to the
 * other candidates: its score less `weight` × its baseline, the mean of its `neighbours` highest
 * `similarity` (indexes into `ranked`) to the others, at least 0. A short, general request ("Board
 * templates") resembles every request near it, so it came first for queries it does not answer;
 * measured against its neighbours it no longer does. The neighbours are the candidates of the same
 * search — for a duplicate mark, requests as first submitted before it — so a mark still depends
 * on the order and texts of submissions only. `ranked` is sorted by score, then id; the result is
 * too, and equals the first `limit` of correcting every candidate, while only those that can still
 * get there are.
 */
export function withoutHubness<T extends Scored>(
  ranked: readonly T[],
  similarity: (a: number, b: number) => number,
  options: HubnessOptions = {},
): T[] {
  const { neighbours, weight } = checked(options.correction ?? DEFAULT_HUBNESS_CORRECTION);
  const limit = options.limit ?? ranked.length;
  const isQuery = options.isQuery ?? (() => false);
  // Nothing to take off: no pair is compared.
  if (weight === 0) return ranked.slice(0, limit);
  const others = ranked.filter((_, index) => !isQuery(index)).length - 1;
  const divisor = Math.min(neighbours, others);
  // Each candidate's highest similarities found so far, while the baselines of those before it were taken.
  const found: number[][] = ranked.map(() => []);
  const kept: T[] = [];
  for (let i = 0; i < ranked.length && limit > 0; i++) {
    const candidate = ranked[i] as T;
    const worst = kept.length >= limit ? (kept[limit - 1] as T) : undefined;
    // A baseline only lowers a score: once the next score is below the last kept, no later one gets in.
    if (worst !== undefined && candidate.score < worst.score) break;
    if (isQuery(i)) {
      insertSorted(kept, candidate);
    } else {
      // Its baseline is at least what the similarities found so far make: skipped if even that keeps it out.
      if (worst !== undefined && lessBaseline(candidate.score, weight, found[i] as number[], divisor) < worst.score) continue;
      const highest: number[] = [];
      for (let j = 0; j < ranked.length; j++) {
        if (j === i || isQuery(j)) continue;
        const value = similarity(i, j);
        keepHighest(highest, value, neighbours);
        keepHighest(found[j] as number[], value, neighbours);
      }
      insertSorted(kept, { ...candidate, score: lessBaseline(candidate.score, weight, highest, divisor) });
    }
    if (kept.length > limit) kept.pop();
  }
  return kept;
}

/**
 * The score less `weight` × the mean of the highest values (`highest`, at most `divisor` of them,
 * highest first), at least 0. Summed from the highest down, so the same values always give the
 * same digits, and fewer or lower values never a lower result.
 */
function lessBaseline(score: number, weight: number, highest: readonly number[], divisor: number): number {
  let sum = 0;
  for (const value of highest) sum += value;
  return divisor > 0 ? Math.max(0, score - weight * (sum / divisor)) : score;
}

/** Puts `value` into `highest` (highest first) if it is among the `count` highest. */
function keepHighest(highest: number[], value: number, count: number): void {
  if (highest.length === count && value <= (highest[count - 1] as number)) return;
  let at = highest.length;
  while (at > 0 && (highest[at - 1] as number) < value) at--;
  highest.splice(at, 0, value);
  if (highest.length > count) highest.pop();
}

function insertSorted<T extends Scored>(sorted: T[], item: T): void {
  let at = sorted.length;
  while (at > 0 && before(item, sorted[at - 1] as T)) at--;
  sorted.splice(at, 0, item);
}

function before(a: Scored, b: Scored): boolean {
  return a.score > b.score || (a.score === b.score && a.id < b.id);
}

function checked(correction: HubnessCorrection): HubnessCorrection {
  if (!Number.isInteger(correction.neighbours) || correction.neighbours < 1) throw new RangeError(`neighbours must be a whole number ≥ 1, got ${correction.neighbours}`);
  if (!(correction.weight >= 0 && correction.weight <= 1)) throw new RangeError(`the hubness weight must be within 0…1, got ${correction.weight}`);
  return correction;
}
