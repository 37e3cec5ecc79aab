import type { RankedMatch } from './hybrid-rank';

/**
 * A submitted request whose best match scores this much or more is marked `possible_duplicate_of`
 * it. Provisional: paraphrases measured 0.72–0.82 in cosine against ≤ 0.57 for unrelated requests of
 * this marketplace, which with typical lexical scores fuse to about 0.6 and 0.45; the labelled
 * evaluation set (`npm run eval:duplicates`) is what sets it.
 */
export const LIKELY_DUPLICATE_THRESHOLD = 0.6;

/** The best match of another request at or above the threshold, if any: the one to mark it a possible duplicate of. */
export function likelyDuplicateOf(
  requestId: string,
  ranked: readonly RankedMatch[],
  threshold: number = LIKELY_DUPLICATE_THRESHOLD,
): RankedMatch | undefined {
  let best: RankedMatch | undefined;
  for (const match of ranked) {
    if (match.id === requestId || match.score < threshold) continue;
    if (best === undefined || match.score > best.score || (match.score === best.score && match.id < best.id)) best = match;
  }
  return best;
}
