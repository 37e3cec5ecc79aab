/** The key that `names` (e.g. `EventHeaders`) gives the header `name`, or `undefined` when it has none. */
export function keyOfHeader<K extends string>(names: Readonly<Record<K, string>>, name: string): K | undefined {
  return (Object.keys(names) as K[]).find((key) => names[key] === name);
}
