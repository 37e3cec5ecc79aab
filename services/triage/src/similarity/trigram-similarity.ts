/**
 * pg_trgm's similarity() in TypeScript, for texts Postgres does not hold (a title without its
 * "Feature request:" prefix): lower-cased words of letters and digits, each padded with two spaces
 * before and one after, cut into trigrams; shared trigrams over all distinct trigrams.
 */
export function trigramSimilarity(a: string, b: string): number {
  const x = trigramsOf(a);
  const y = trigramsOf(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const trigram of x) if (y.has(trigram)) shared++;
  return shared / (x.size + y.size - shared);
}

/** The trigrams pg_trgm cuts a text into. */
export function trigramsOf(text: string): Set<string> {
  const result = new Set<string>();
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (word === '') continue;
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) result.add(padded.slice(i, i + 3));
  }
  return result;
}

/**
 * The title without what trackers put in front of every request ("[Feature]:", "Feature request -",
 * "Enhancement:") or after it (bounty tags like "[$150]"): the same in every title, it only makes
 * unrelated requests look alike.
 */
export function withoutBoilerplate(title: string): string {
  const cleaned = title
    .replace(/\[\$\d+\]/g, ' ')
    .replace(/^\s*(?:\[[^\]]*\]\s*:?\s*|(?:feature\s*request|feature|request|enhancement|suggestion|fr)\s*[:\-–]\s*)+/i, '')
    .trim();
  return cleaned === '' ? title : cleaned;
}
