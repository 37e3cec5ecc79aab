/**
 * Tags as people type them, comma-separated (`Seating plan, guests`), in the form intake keeps
 * them (`seating-plan`, `guests`): lower case, blanks as hyphens, no repeats. Intake still checks
 * the length and characters, and names a tag it refuses.
 */
export function parseTags(typed: string): string[] {
  const tags = typed
    .split(',')
    .map((tag) => tag.trim().toLowerCase().replace(/\s+/g, '-'))
    .filter((tag) => tag !== '');
  return [...new Set(tags)];
}
