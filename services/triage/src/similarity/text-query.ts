import { significantWords } from './shared-words';

/** The query's words that make pairs: title words first, then the description's. */
const MAX_PAIRED_WORDS = 10;
/** Enough words to find candidates; more only widens a long description's query to everything. */
const MAX_QUERY_WORDS = 24;

/** A request's text as the model reads it, and as `text_hash` (md5 of the same) keys its vector. */
export function embeddingTextOf(text: { readonly title: string; readonly description: string }): string {
  return `${text.title}\n${text.description}`;
}

/**
 * A `to_tsquery` text matching requests that share at least two of the query's significant words
 * (`(photo & gallery) | (photo & guest) | (gallery & guest)`), or its only word: a paraphrase rarely
 * shares all its words, so AND misses it, while any single word matches a good part of a board and
 * ranking all of it is what makes a search slow. Titles that share fewer words are found by trigram
 * similarity. The words are letters and digits only, so nothing in them is tsquery syntax.
 */
export function twoWordQuery(text: { readonly title: string; readonly description: string }): string {
  const words = queryWords(text).slice(0, MAX_PAIRED_WORDS);
  if (words.length < 2) return words.join('');
  const pairs: string[] = [];
  for (let i = 0; i < words.length; i++) for (let j = i + 1; j < words.length; j++) pairs.push(`(${words[i]} & ${words[j]})`);
  return pairs.join(' | ');
}

/**
 * A `to_tsquery` text matching requests that use every one of the query's significant words
 * (`photo & gallery & guest`): the closest matches, and few of them, so the cheapest to find.
 */
export function allWordsQuery(text: { readonly title: string; readonly description: string }): string {
  return queryWords(text).slice(0, MAX_QUERY_WORDS).join(' & ');
}

/** A `to_tsquery` text matching any of the query's significant words (`photo | gallery | guest`). */
export function anyWordQuery(text: { readonly title: string; readonly description: string }): string {
  return queryWords(text).slice(0, MAX_QUERY_WORDS).join(' | ');
}

function queryWords(text: { readonly title: string; readonly description: string }): string[] {
  return [...new Set([...significantWords(text.title), ...significantWords(text.description)])];
}
