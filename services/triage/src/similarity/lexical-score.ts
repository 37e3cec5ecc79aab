import { stem, significantWords } from './shared-words';
import { trigramsOf, withoutBoilerplate } from './trigram-similarity';

export interface LexicalWeights {
  /** Of the titles' trigram similarity (pg_trgm's measure). */
  readonly titleTrigram: number;
  /** Of the share of the titles' significant words they have in common (Jaccard). */
  readonly titleWords: number;
  /** Of the share of all significant words they have in common (Dice, over title and description). */
  readonly textWords: number;
}

/** Chosen on the labelled set (`npm run eval:duplicates`) with the hybrid weights, before the hubness correction (see DEFAULT_HYBRID_WEIGHTS). */
export const DEFAULT_LEXICAL_WEIGHTS: LexicalWeights = { titleTrigram: 0.3, titleWords: 0.2, textWords: 0.5 };

export interface RequestWords {
  readonly title: string;
  readonly description: string;
}

/** What the lexical score reads of a text, computed once per text (a candidate's are kept by its text hash). */
export interface TextFeatures {
  readonly titleTrigrams: ReadonlySet<string>;
  readonly titleWords: ReadonlySet<string>;
  /** The stems of the significant words of the title and the description. */
  readonly words: ReadonlySet<string>;
}

export function textFeatures(text: RequestWords): TextFeatures {
  const title = withoutBoilerplate(text.title);
  return { titleTrigrams: trigramsOf(title), titleWords: stems(title), words: stems(`${title} ${text.description}`) };
}

/**
 * How alike two requests are worded, 0…1: a weighted mean of title trigrams, title words and all
 * words, titles taken without trackers' boilerplate ("[Feature]:"), words without stop words.
 */
export function lexicalScore(query: RequestWords, candidate: RequestWords, weights: LexicalWeights = DEFAULT_LEXICAL_WEIGHTS): number {
  return featureScore(textFeatures(query), textFeatures(candidate), weights);
}

/** {@link lexicalScore} of two texts' features. */
export function featureScore(query: TextFeatures, candidate: TextFeatures, weights: LexicalWeights = DEFAULT_LEXICAL_WEIGHTS): number {
  return scoreOfOverlap(
    {
      titleTrigrams: overlapOf(query.titleTrigrams, candidate.titleTrigrams),
      titleWords: overlapOf(query.titleWords, candidate.titleWords),
      words: overlapOf(query.words, candidate.words),
    },
    weights,
  );
}

/** How many of one feature each of two texts has, and how many of them both. */
export interface Overlap {
  readonly a: number;
  readonly b: number;
  readonly shared: number;
}

export interface FeatureOverlap {
  readonly titleTrigrams: Overlap;
  readonly titleWords: Overlap;
  readonly words: Overlap;
}

/** {@link featureScore} from how much two texts' features overlap: all it reads of them. */
export function scoreOfOverlap(overlap: FeatureOverlap, weights: LexicalWeights = DEFAULT_LEXICAL_WEIGHTS): number {
  const total = weights.titleTrigram + weights.titleWords + weights.textWords;
  if (!(total > 0)) throw new RangeError('lexical weights must not all be 0');
  const titleTrigram = jaccard(overlap.titleTrigrams);
  const titleWords = jaccard(overlap.titleWords);
  const textWords = dice(overlap.words);
  return Math.min(1, (weights.titleTrigram * titleTrigram + weights.titleWords * titleWords + weights.textWords * textWords) / total);
}

function stems(text: string): Set<string> {
  return new Set(significantWords(text).map(stem));
}

function overlapOf(a: ReadonlySet<string>, b: ReadonlySet<string>): Overlap {
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return { a: a.size, b: b.size, shared };
}

function jaccard({ a, b, shared }: Overlap): number {
  return a === 0 || b === 0 ? 0 : shared / (a + b - shared);
}

function dice({ a, b, shared }: Overlap): number {
  return a === 0 || b === 0 ? 0 : (2 * shared) / (a + b);
}
