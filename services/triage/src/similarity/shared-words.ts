// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the package ships no types; every project that compiles this file (the launcher, the CLI) must see them
/// <reference path="./wink-porter2-stemmer.d.ts" />
import { LRUCache } from 'lru-cache';
import porter2 from 'wink-porter2-stemmer';

// A search stems the words of 50 candidates (about 5,000 words); at 5 µs a word that alone would
// cost 25 ms, while a board's vocabulary is small enough to keep its stems.
const STEMS = new LRUCache<string, string>({ max: 50_000 });

const STOP_WORDS = new Set(
  (
    'a about after all also an and any are as at be been before but by can could do does for from get had has have how i if in into is it ' +
    'its just let like make me more my no not of on or our so some such than that the their them then there these they this to too up us ' +
    'use want was way we were what when where which while who why will with would you your ' +
    // On a board of feature requests these say nothing about which feature is meant.
    'feature features request requests add adding ability able option options allow allowing support please possibility possible ' +
    'enhancement suggestion idea new need like'
  ).split(' '),
);

/** The words (three letters or more, not stop words) that both texts use, in the query's order and spelling, at most `limit`. */
export function sharedWords(query: string, text: string, limit = 5): string[] {
  return wordsWithStems(query, wordStems(text), limit);
}

/** The query's words whose stems are among `theirs`, in the query's order and spelling, at most `limit`. */
export function wordsWithStems(query: string, theirs: ReadonlySet<string>, limit = 5): string[] {
  const shared = new Map<string, string>();
  for (const word of words(query)) {
    const key = stem(word);
    if (theirs.has(key) && !shared.has(key)) shared.set(key, word);
  }
  return [...shared.values()].slice(0, limit);
}

/** The stems of a text's significant words, for keyword matching. */
export function wordStems(text: string): Set<string> {
  return new Set(words(text).map(stem));
}

/** The significant words of a text (three letters or more, not stop words), lower-cased, in order. */
export function significantWords(text: string): string[] {
  return words(text);
}

function words(text: string): string[] {
  return (text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => word.length >= 3 && !STOP_WORDS.has(word));
}

/**
 * The word's Porter2 stem (the algorithm of Postgres's `english` text search, so candidates and
 * ranking agree on which words are the same): photos ~ photo, but also copying ~ copy, sharing ~
 * shared, templates ~ template. Matching only plurals missed these; on the labelled set
 * (`npm run eval:duplicates`) Porter2 ranks the labelled duplicate first for 3 more of 106 queries.
 */
export function stem(word: string): string {
  let stemmed = STEMS.get(word);
  if (stemmed === undefined) {
    stemmed = porter2(word);
    STEMS.set(word, stemmed);
  }
  return stemmed;
}
