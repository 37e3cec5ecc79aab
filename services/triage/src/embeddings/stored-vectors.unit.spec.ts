import type { SqlQueryable } from '@frm/postgres';
import { vectorToBytes } from './derived-tables';
import { StoredVectors } from './stored-vectors';

/** A vectors table of two texts; it records the hashes each query asked for. */
function fakeTable(): SqlQueryable & { asked: string[][] } {
  const stored = new Map([
    ['h1', vectorToBytes(Float32Array.of(1, 0))],
    ['h2', vectorToBytes(Float32Array.of(0, 1))],
  ]);
  const asked: string[][] = [];
  return {
    asked,
    query: async <Row>(_sql: string, params: readonly unknown[] = []) => {
      const hashes = params[1] as string[];
      asked.push(hashes);
      return hashes.flatMap((hash) => (stored.has(hash) ? [{ text_hash: hash, vector: stored.get(hash) }] : [])) as Row[];
    },
  };
}

describe('StoredVectors', () => {
  it('reads the vectors it does not hold yet, once, and has none for a text not embedded yet', async () => {
    const table = fakeTable();
    const vectors = new StoredVectors(table, 'vectors', 'model');
    expect(await vectors.of(['h1', 'h3'])).toEqual(new Map([['h1', Float32Array.of(1, 0)]]));
    expect(await vectors.of(['h1', 'h2', 'h3'])).toEqual(new Map([['h1', Float32Array.of(1, 0)], ['h2', Float32Array.of(0, 1)]]));
    expect(table.asked).toEqual([['h1', 'h3'], ['h2', 'h3']]);
    await vectors.of(['h1', 'h2']);
    expect(table.asked).toHaveLength(2);
  });
});
