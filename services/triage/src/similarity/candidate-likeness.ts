import { cosineOfMeasured, measured, type MeasuredVector } from '@frm/text-embeddings';
import { scoreFusion, type HybridWeights } from './hybrid-rank';
import { DEFAULT_LEXICAL_WEIGHTS, scoreOfOverlap, type FeatureOverlap, type LexicalWeights, type TextFeatures } from './lexical-score';

export interface CandidateTexts {
  readonly features: readonly TextFeatures[];
  /** Each candidate's vector (hybrid mode), `undefined` where it has none yet; absent in lexical mode. */
  readonly vectors?: readonly (Float32Array | undefined)[];
}

/**
 * How alike candidates `a` and `b` (indexes) are, by the measure they are ranked against the query
 * with — featureScore and, in hybrid mode, cosine, fused as hybridRank fuses them (a candidate
 * without a vector has a cosine of 0 there too) — each pair computed once.
 */
export function candidateLikeness(
  texts: CandidateTexts,
  weights: { readonly hybrid: HybridWeights; readonly lexical?: LexicalWeights },
): (a: number, b: number) => number {
  const n = texts.features.length;
  const fuse = scoreFusion(weights.hybrid);
  const lexicalWeights = weights.lexical ?? DEFAULT_LEXICAL_WEIGHTS;
  // Filled anew for each pair: a search compares up to 1,225 of them.
  const overlap = { titleTrigrams: { a: 0, b: 0, shared: 0 }, titleWords: { a: 0, b: 0, shared: 0 }, words: { a: 0, b: 0, shared: 0 } };
  // Made at the first pair asked for: a search that compares no pair pays nothing.
  let sorted: NumberedFeatures[] = [];
  let vectors: (MeasuredVector | undefined)[] | undefined;
  let known: Float64Array | undefined;
  return (a, b) => {
    if (known === undefined) {
      sorted = numbered(texts.features);
      vectors = texts.vectors?.map((vector) => (vector ? measured(vector) : undefined));
      known = new Float64Array(n * n).fill(Number.NaN);
    }
    const cached = known[a * n + b] as number;
    if (!Number.isNaN(cached)) return cached;
    const x = sorted[a] as NumberedFeatures;
    const y = sorted[b] as NumberedFeatures;
    count(overlap.titleTrigrams, x.titleTrigrams, y.titleTrigrams);
    count(overlap.titleWords, x.titleWords, y.titleWords);
    count(overlap.words, x.words, y.words);
    const u = vectors?.[a];
    const v = vectors?.[b];
    const score = fuse(scoreOfOverlap(overlap satisfies FeatureOverlap, lexicalWeights), vectors === undefined ? undefined : u && v ? cosineOfMeasured(u, v) : 0);
    known[a * n + b] = score;
    known[b * n + a] = score;
    return score;
  };
}

interface NumberedFeatures {
  readonly titleTrigrams: Int32Array;
  readonly titleWords: Int32Array;
  readonly words: Int32Array;
}

/**
 * Trigrams and stems as numbers, and texts' features as sorted numbers, kept with the features
 * (which the finder keeps per text): comparing all pairs of 50 candidates' strings through their
 * Sets took about 5 ms on a busy machine, merging sorted numbers under 1 ms. Only candidates' texts
 * are numbered, whose words a board repeats; past a million numbers they start again, features
 * numbered before then anew, so that memory stays bounded.
 */
const MAX_NUMBERS = 1_000_000;
let numbers = new Map<string, number>();
let numberedFeatures = new WeakMap<TextFeatures, NumberedFeatures>();

function numbered(features: readonly TextFeatures[]): NumberedFeatures[] {
  // Before any of this search's texts: numbers of two numberings are never compared.
  if (numbers.size > MAX_NUMBERS) {
    numbers = new Map();
    numberedFeatures = new WeakMap();
  }
  return features.map((text) => {
    let found = numberedFeatures.get(text);
    if (found === undefined) {
      found = { titleTrigrams: numbersOf(text.titleTrigrams), titleWords: numbersOf(text.titleWords), words: numbersOf(text.words) };
      numberedFeatures.set(text, found);
    }
    return found;
  });
}

function numbersOf(items: ReadonlySet<string>): Int32Array {
  const result = new Int32Array(items.size);
  let i = 0;
  for (const item of items) {
    let number = numbers.get(item);
    if (number === undefined) {
      number = numbers.size;
      numbers.set(item, number);
    }
    result[i++] = number;
  }
  return result.sort();
}

/** How many numbers each of two sorted lists has, and how many both. */
function count(into: { a: number; b: number; shared: number }, a: Int32Array, b: Int32Array): void {
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  into.a = a.length;
  into.b = b.length;
  into.shared = shared;
}
