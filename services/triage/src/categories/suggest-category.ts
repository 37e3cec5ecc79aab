import { cosine, l2Normalised } from '@frm/text-embeddings';
import { stem, wordStems } from '../similarity/shared-words';
import { CATEGORY_KEYWORDS } from './category-catalogue';

/** A request whose category and tags a person chose, with its embedding. */
export interface LabelledExample {
  readonly category: string;
  readonly tags: readonly string[];
  readonly vector: ArrayLike<number>;
}

export interface CategoryModel {
  /** The mean direction of each category's examples, normalised. */
  readonly centroids: ReadonlyMap<string, Float32Array>;
  readonly examples: readonly LabelledExample[];
}

export interface CategorySuggestion {
  readonly category: string;
  /** 0…1: how much of the probability the chosen category holds. */
  readonly confidence: number;
  readonly tags: readonly string[];
  /** The next most likely categories, most likely first. */
  readonly alternatives: readonly { readonly category: string; readonly confidence: number }[];
  readonly method: 'nearest-centroid' | 'keywords';
}

export interface SuggestOptions {
  /** Softmax temperature over the cosines to the centroids: small, as cosines of one domain differ by tenths. */
  readonly temperature?: number;
  /** How many nearest examples vote on the tags. */
  readonly neighbours?: number;
  /** The share of the neighbours' similarity a tag needs. */
  readonly minTagSupport?: number;
  readonly maxTags?: number;
}

export function trainCategoryModel(examples: readonly LabelledExample[]): CategoryModel {
  const sums = new Map<string, Float64Array>();
  for (const example of examples) {
    const unit = l2Normalised(example.vector);
    const sum = sums.get(example.category) ?? new Float64Array(unit.length);
    if (sum.length !== unit.length) throw new RangeError(`examples of ${unit.length} and ${sum.length} dimensions`);
    unit.forEach((value, i) => (sum[i] += value));
    sums.set(example.category, sum);
  }
  const centroids = new Map([...sums].map(([category, sum]) => [category, l2Normalised(sum)] as const));
  return { centroids, examples };
}

/** Nearest centroid for the category, the nearest examples' tags, softmax confidence. */
export function suggestCategory(vector: ArrayLike<number>, model: CategoryModel, options: SuggestOptions = {}): CategorySuggestion {
  const { temperature = 0.05, neighbours = 5, minTagSupport = 0.4, maxTags = 3 } = options;
  if (model.centroids.size === 0) throw new RangeError('the category model has no examples');
  const similarities = [...model.centroids].map(([category, centroid]) => ({ category, similarity: cosine(vector, centroid) }));
  const ranked = softmax(similarities.map(({ category, similarity }) => ({ category, score: similarity / temperature })));
  const [best, ...rest] = ranked;
  return {
    category: best.category,
    confidence: best.confidence,
    tags: tagsOfNeighbours(vector, model.examples, { neighbours, minTagSupport, maxTags }),
    alternatives: rest.slice(0, 3),
    method: 'nearest-centroid',
  };
}

/** Keyword weights, for when there are no embeddings: a category earns one point per keyword the text uses. */
export function suggestCategoryByKeywords(
  text: string,
  keywords: Readonly<Record<string, readonly string[]>> = CATEGORY_KEYWORDS,
): CategorySuggestion {
  const stems = wordStems(text);
  const scores = Object.entries(keywords)
    .map(([category, words]) => ({ category, hits: new Set(words.map(stem).filter((word) => stems.has(word))).size }))
    .filter(({ hits }) => hits > 0)
    .sort((a, b) => b.hits - a.hits || compare(a.category, b.category));
  // One point of doubt keeps a single keyword from claiming certainty.
  const total = scores.reduce((sum, { hits }) => sum + hits, 1);
  const [best, ...rest] = scores.map(({ category, hits }) => ({ category, confidence: hits / total }));
  if (best === undefined) return { category: 'other', confidence: 0, tags: [], alternatives: [], method: 'keywords' };
  return { category: best.category, confidence: best.confidence, tags: [], alternatives: rest.slice(0, 3), method: 'keywords' };
}

function softmax(scores: readonly { category: string; score: number }[]): { category: string; confidence: number }[] {
  const top = Math.max(...scores.map(({ score }) => score));
  const sorted = [...scores].sort((a, b) => b.score - a.score || compare(a.category, b.category));
  const exps = sorted.map(({ score }) => Math.exp(score - top));
  const total = exps.reduce((sum, value) => sum + value, 0);
  return sorted.map(({ category }, i) => ({ category, confidence: exps[i] / total }));
}

function tagsOfNeighbours(
  vector: ArrayLike<number>,
  examples: readonly LabelledExample[],
  options: { neighbours: number; minTagSupport: number; maxTags: number },
): string[] {
  const nearest = examples
    .map((example, index) => ({ example, index, similarity: Math.max(0, cosine(vector, example.vector)) }))
    .sort((a, b) => b.similarity - a.similarity || a.index - b.index)
    .slice(0, options.neighbours);
  const total = nearest.reduce((sum, { similarity }) => sum + similarity, 0);
  if (total === 0) return [];
  const support = new Map<string, number>();
  for (const { example, similarity } of nearest) {
    for (const tag of new Set(example.tags)) support.set(tag, (support.get(tag) ?? 0) + similarity);
  }
  return [...support]
    .filter(([, weight]) => weight / total >= options.minTagSupport)
    .sort(([a, x], [b, y]) => y - x || compare(a, b))
    .slice(0, options.maxTags)
    .map(([tag]) => tag);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
