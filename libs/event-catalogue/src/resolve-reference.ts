import type { AsyncApiDocument, Reference } from './asyncapi.types';

export function isReference(value: unknown): value is Reference {
  return typeof value === 'object' && value !== null && typeof (value as Reference).$ref === 'string';
}

/** The object a local reference (`#/components/schemas/…`) points at in `doc`. @throws RangeError when it points nowhere. */
export function resolveReference<T>(doc: AsyncApiDocument, reference: Reference): T {
  if (!reference.$ref.startsWith('#/')) throw new RangeError(`Only local references are resolved, not ${reference.$ref}`);
  let node: unknown = doc;
  for (const token of reference.$ref.slice(2).split('/')) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    node = typeof node === 'object' && node !== null && Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
    if (node === undefined) throw new RangeError(`The reference ${reference.$ref} points nowhere in the catalogue`);
  }
  return node as T;
}

/** `value`, or what it refers to. */
export function dereference<T>(doc: AsyncApiDocument, value: T | Reference): T {
  return isReference(value) ? resolveReference<T>(doc, value) : value;
}

/** The component name a reference ends with (`#/components/schemas/frm.events.v1.VoteHold` → `frm.events.v1.VoteHold`). */
export function referencedName(reference: Reference): string {
  return reference.$ref.slice(reference.$ref.lastIndexOf('/') + 1);
}
