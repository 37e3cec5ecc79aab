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
  const theirs = new Set(words(text).map(stem));
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

/** Enough stemming to match plurals: photos ~ photo, galleries ~ gallery, boxes ~ box. */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(?:ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}
