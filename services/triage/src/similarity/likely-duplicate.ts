import type { RankedMatch } from './hybrid-rank';

/**
 * A submitted request whose best match scores this much or more is marked `possible_duplicate_of`
 * it. Set on the labelled set (`npm run eval:duplicates`, hybrid mode, scores less their hubness):
 * at 0.25 three distinct requests in 156 are wrongly flagged (1.9%) and 13% of the duplicates are
 * caught; at 0.225 it would be 3.2% and 19%, too close to the 5% allowed for a set this small. With
 * the threshold chosen on four fifths of the queries (at most 2.5% flagged there) and measured on
 * the fifth, 2.6–3.2% are flagged. The other duplicates still show up in FindSimilarRequests
 * (recall@5 0.92), for a person to judge. The query's own text scores 1, so a repeated text is
 * always marked.
 */
export const LIKELY_DUPLICATE_THRESHOLD = 0.25;

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
