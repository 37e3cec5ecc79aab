/**
 * How the board names a person: the platform knows people only by their id (names live with the
 * marketplace's accounts), so it shows the id's first group, or "you".
 */
export function personLabel(id: string, signedInSubject: string | undefined): string {
  if (id === '') return 'someone';
  if (signedInSubject !== undefined && id.toLowerCase() === signedInSubject.toLowerCase()) return 'you';
  return `user ${shortId(id)}`;
}

/** The first group of a UUID: enough to tell people and requests apart on one screen. */
export function shortId(id: string): string {
  return id.split('-')[0] ?? id;
}

/** Votes as a count people read (`1,204`); int64 arrives as bigint. */
export function formatCount(count: bigint | number): string {
  return count.toLocaleString('en');
}

/** Weighted votes with one decimal, as trust weights make them fractional. */
export function formatWeight(weight: number): string {
  return weight.toLocaleString('en', { minimumFractionDigits: 0, maximumFractionDigits: 1 });
}

export function plural(count: bigint | number, one: string, many: string): string {
  return `${formatCount(count)} ${count === 1 || count === 1n ? one : many}`;
}
