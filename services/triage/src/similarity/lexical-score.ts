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

/** Chosen on the labelled set (`npm run eval:duplicates`) with the hybrid weights and the likely-duplicate threshold. */
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
  const total = weights.titleTrigram + weights.titleWords + weights.textWords;
  if (!(total > 0)) throw new RangeError('lexical weights must not all be 0');
  const titleTrigram = overlap(query.titleTrigrams, candidate.titleTrigrams, 'jaccard');
  const titleWords = overlap(query.titleWords, candidate.titleWords, 'jaccard');
  const textWords = overlap(query.words, candidate.words, 'dice');
  return Math.min(1, (weights.titleTrigram * titleTrigram + weights.titleWords * titleWords + weights.textWords * textWords) / total);
}

function stems(text: string): Set<string> {
  return new Set(significantWords(text).map(stem));
}

function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>, kind: 'jaccard' | 'dice'): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return kind === 'jaccard' ? shared / (a.size + b.size - shared) : (2 * shared) / (a.size + b.size);
}
