import { LRUCache } from 'lru-cache';
import type { SqlQueryable } from '@frm/postgres';
import { vectorFromBytes } from './derived-tables';

export interface StoredVectorsOptions {
  /** Vectors kept in memory: 2 kB each; enough for every request of a large board. */
  readonly entries: number;
  /**
   * How long one is kept. A vector never changes (its key is the model and a hash of the text), so
   * this only bounds how long the vector of an erased author's text outlives its row.
   */
  readonly ttlMs: number;
}

export const DEFAULT_STORED_VECTORS_OPTIONS: StoredVectorsOptions = { entries: 60_000, ttlMs: 3_600_000 };

/**
 * The stored vectors of candidate texts, by text hash, read once and then served from memory:
 * reading 50 of them with every search moved 100 kB through Postgres and cost about a third of
 * the search's database time.
 */
export class StoredVectors {
  private readonly cache: LRUCache<string, Float32Array>;

  constructor(
    private readonly db: SqlQueryable,
    private readonly table: string,
    private readonly model: string,
    options: StoredVectorsOptions = DEFAULT_STORED_VECTORS_OPTIONS,
  ) {
    this.cache = new LRUCache({ max: options.entries, ttl: options.ttlMs });
  }

  /**
   * Reads the vectors of every request's current text (as many as the cache holds), page by page,
   * so that searches find them in memory from the first one on. `requests` is the read model's table.
   */
  async preload(requests: string, pageSize = 5_000): Promise<number> {
    let after = '';
    let loaded = 0;
    while (loaded < this.cache.max) {
      const rows = await this.db.query<{ text_hash: string; vector: Uint8Array }>(
        `select v.text_hash, v.vector from ${this.table} v
         where v.model = $1 and v.text_hash > $2 and exists (select 1 from ${requests} r where r.text_hash = v.text_hash and not r.erased)
         order by v.text_hash limit $3`,
        [this.model, after, pageSize],
      );
      for (const row of rows) this.cache.set(row.text_hash, vectorFromBytes(row.vector));
      loaded += rows.length;
      if (rows.length < pageSize) break;
      after = (rows.at(-1) as { text_hash: string }).text_hash;
    }
    return loaded;
  }

  /** The vector of this text hash if it is in memory now (no reading). */
  held(hash: string): Float32Array | undefined {
    return this.cache.get(hash);
  }

  /** The vectors there are for these text hashes; a text not embedded yet has none. */
  async of(hashes: readonly string[]): Promise<Map<string, Float32Array>> {
    const found = new Map<string, Float32Array>();
    const missing: string[] = [];
    for (const hash of new Set(hashes)) {
      const vector = this.cache.get(hash);
      if (vector) found.set(hash, vector);
      else missing.push(hash);
    }
    if (missing.length === 0) return found;
    const rows = await this.db.query<{ text_hash: string; vector: Uint8Array }>(
      `select text_hash, vector from ${this.table} where model = $1 and text_hash = any($2::text[])`,
      [this.model, missing],
    );
    for (const row of rows) {
      const vector = vectorFromBytes(row.vector);
      this.cache.set(row.text_hash, vector);
      found.set(row.text_hash, vector);
    }
    return found;
  }
}
