/** A request found by Postgres full-text search or pg_trgm, with its score already in 0…1. */
export interface LexicalHit {
  readonly id: string;
  readonly score: number;
  /** Words it shares with the query (see sharedWords), for the reason. */
  readonly matchedWords?: readonly string[];
}

/** A request found by comparing embeddings: the cosine of its vector and the query's. */
export interface SemanticHit {
  readonly id: string;
  readonly cosine: number;
}

export interface HybridWeights {
  readonly semantic: number;
  readonly lexical: number;
}

/**
 * Chosen on the labelled set (`npm run eval:duplicates`): on real requests, whose wording within one
 * product is specific, the lexical score ranks better than this small model's cosine, and together
 * better than either. Kept, not fitted again, with the hubness correction: there semantic weights
 * of 0.2–0.4 and lexical weights moved by 0.1 rank the labelled duplicate first for 74–80 of 106
 * queries, these 78.
 */
export const DEFAULT_HYBRID_WEIGHTS: HybridWeights = { semantic: 0.3, lexical: 0.7 };

/** Below this cosine, two requests of this marketplace are about different things (unrelated pairs measure 0.2–0.57). */
export const SIMILAR_MEANING_MIN = 0.6;

/** Added to each reason when the query's vector did not come in time and wording alone ranked. */
export const WORDING_ONLY = 'ranked by wording only: the meaning of the text was not ready in time';

export interface RankedMatch {
  readonly id: string;
  /** 0…1, higher is more alike. */
  readonly score: number;
  readonly lexical: number;
  /** Absent in lexical mode (no embeddings). */
  readonly semantic?: number;
  /** Why it matched, for a person: "similar meaning (0.71); same words: photo, gallery". */
  readonly reason: string;
}

export interface HybridRankOptions {
  readonly weights?: HybridWeights;
  readonly limit?: number;
}

/**
 * Fuses both lists into one 0…1 score: weights.semantic × max(0, cosine) + weights.lexical ×
 * lexical (weights normalised to sum to 1; a request missing from a list scores 0 there). With no
 * semantic list (the model could not load) the score is the lexical one alone. Sorted by score,
 * then id, so equal inputs always give the same order.
 */
export function hybridRank(
  lexical: readonly LexicalHit[],
  semantic: readonly SemanticHit[] | undefined,
  options: HybridRankOptions = {},
): RankedMatch[] {
  const weights = normalised(options.weights ?? DEFAULT_HYBRID_WEIGHTS);
  const lexicalById = new Map<string, LexicalHit>();
  for (const hit of lexical) {
    const score = unitScore(hit.score, `lexical score of ${hit.id}`);
    const known = lexicalById.get(hit.id);
    if (known === undefined || score > known.score) lexicalById.set(hit.id, { ...hit, score });
  }
  const semanticById = new Map<string, number>();
  for (const hit of semantic ?? []) {
    if (!Number.isFinite(hit.cosine)) throw new RangeError(`the cosine of ${hit.id} is ${hit.cosine}`);
    const score = Math.min(1, Math.max(0, hit.cosine));
    semanticById.set(hit.id, Math.max(score, semanticById.get(hit.id) ?? 0));
  }
  const ids = new Set([...lexicalById.keys(), ...semanticById.keys()]);
  const ranked = [...ids].map((id): RankedMatch => {
    const lexicalHit = lexicalById.get(id);
    const lexicalScore = lexicalHit?.score ?? 0;
    if (semantic === undefined) {
      return { id, score: lexicalScore, lexical: lexicalScore, reason: reasonFor(undefined, lexicalHit) };
    }
    const semanticScore = semanticById.get(id) ?? 0;
    return { id, score: fused(weights, lexicalScore, semanticScore), lexical: lexicalScore, semantic: semanticScore, reason: reasonFor(semanticScore, lexicalHit) };
  });
  ranked.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return options.limit === undefined ? ranked : ranked.slice(0, options.limit);
}

/**
 * {@link hybridRank}'s score of one pair of texts: from their lexical score and, in hybrid mode,
 * their cosine (`undefined`: lexical mode, the lexical score alone).
 */
export function fusedScore(lexical: number, cosine: number | undefined, weights: HybridWeights = DEFAULT_HYBRID_WEIGHTS): number {
  return scoreFusion(weights)(lexical, cosine);
}

/** {@link fusedScore} with these weights, checked once: for many pairs. */
export function scoreFusion(weights: HybridWeights = DEFAULT_HYBRID_WEIGHTS): (lexical: number, cosine: number | undefined) => number {
  const checked = normalised(weights);
  return (lexical, cosine) => {
    const lexicalScore = unitScore(lexical, 'lexical score');
    if (cosine === undefined) return lexicalScore;
    if (!Number.isFinite(cosine)) throw new RangeError(`the cosine is ${cosine}`);
    return fused(checked, lexicalScore, Math.min(1, Math.max(0, cosine)));
  };
}

function fused(weights: HybridWeights, lexical: number, semantic: number): number {
  return Math.min(1, weights.semantic * semantic + weights.lexical * lexical);
}

/** Why a request matched, for a person: its meaning if close, the words it shares, else how alike it is worded. */
export function reasonFor(semantic: number | undefined, lexical: LexicalHit | undefined): string {
  const reasons: string[] = [];
  if (semantic !== undefined && semantic >= SIMILAR_MEANING_MIN) reasons.push(`similar meaning (${semantic.toFixed(2)})`);
  const words = lexical?.matchedWords ?? [];
  if (words.length > 0) reasons.push(`same words: ${words.join(', ')}`);
  else if (lexical !== undefined && lexical.score > 0) reasons.push(`similar wording (${lexical.score.toFixed(2)})`);
  if (reasons.length === 0) reasons.push(`loosely related (meaning ${(semantic ?? 0).toFixed(2)})`);
  return reasons.join('; ');
}

function unitScore(score: number, what: string): number {
  if (Number.isNaN(score)) throw new RangeError(`the ${what} is not a number`);
  // ts_rank and similarity() can stray a rounding error outside 0…1.
  return Math.min(1, Math.max(0, score));
}

function normalised(weights: HybridWeights): HybridWeights {
  const total = weights.semantic + weights.lexical;
  if (!(weights.semantic >= 0 && weights.lexical >= 0 && total > 0)) {
    throw new RangeError(`hybrid weights must be ≥ 0 and not both 0, got ${weights.semantic} and ${weights.lexical}`);
  }
  return { semantic: weights.semantic / total, lexical: weights.lexical / total };
}
