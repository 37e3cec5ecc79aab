/** Everything a finite read yields (`Array.fromAsync` arrives only with Node 22). */
export async function readToArray<T>(read: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of read) items.push(item);
  return items;
}
