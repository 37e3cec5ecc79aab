import { LRUCache } from 'lru-cache';
import type { TextEmbedder } from '@frm/text-embeddings';
import { createHash } from 'node:crypto';
import { DEFAULT_BATCHER_OPTIONS, EmbeddingBatcher } from './embedding-batcher';

export interface QueryEmbedderOptions {
  /** Query vectors kept: a person refining a search, or several asking alike, reuse them. */
  readonly cacheEntries: number;
  /** Texts per model call at most, when many queries wait at once. */
  readonly maxBatch: number;
}

/**
 * The budget of a lone search: one that finds the model idle and comes this long after the one
 * before it. Nothing waits behind it, and its vector costs it only the model's own time (about
 * 10 ms, more on a busy machine), which the typing budget is not meant to refuse: that budget bounds
 * the wait among many searches at once.
 */
export const LONE_SEARCH_BUDGET_MS = 250;
const LONE_SEARCH_GAP_MS = 250;

export const DEFAULT_QUERY_EMBEDDER_OPTIONS: QueryEmbedderOptions = { cacheEntries: 2_000, maxBatch: 32 };

/**
 * The vectors of texts being searched for: from the cache, else embedded with the other queries
 * that wait at the same moment (EmbeddingBatcher), within a time budget after which the caller
 * answers without them. A vector that arrives too late for its caller still goes into the cache.
 */
export class QueryEmbedder {
  /** By a hash of the text: what a person typed is not kept in the clear. */
  private readonly cache: LRUCache<string, Float32Array>;
  private readonly batcher: EmbeddingBatcher;
  private lastAskedAt = Number.NEGATIVE_INFINITY;

  constructor(embedder: TextEmbedder, options: QueryEmbedderOptions = DEFAULT_QUERY_EMBEDDER_OPTIONS) {
    this.cache = new LRUCache({ max: options.cacheEntries });
    this.batcher = new EmbeddingBatcher((texts) => embedder.embed(texts, { batchSize: texts.length }), { ...DEFAULT_BATCHER_OPTIONS, maxBatch: options.maxBatch });
  }

  /** The text's vector, or `undefined` if it could not be had within `budgetMs` (no budget: waits). */
  async vectorOf(text: string, budgetMs?: number): Promise<Float32Array | undefined> {
    const key = createHash('sha256').update(text).digest('base64');
    const cached = this.cache.get(key);
    if (cached) return cached;
    const now = DEFAULT_BATCHER_OPTIONS.now();
    const lone = this.batcher.idle && now - this.lastAskedAt >= LONE_SEARCH_GAP_MS;
    this.lastAskedAt = now;
    const budget = budgetMs === undefined ? undefined : lone ? Math.max(budgetMs, LONE_SEARCH_BUDGET_MS) : budgetMs;
    const pending = this.batcher.request(text, budget === undefined ? undefined : now + budget);
    const stored = pending.vector.then((vector) => {
      if (vector) this.cache.set(key, vector);
      return vector;
    });
    if (budget === undefined) return stored;
    // A late vector is still cached; its failure, if any, reaches the callers that waited for it.
    stored.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => {
        pending.withdraw();
        resolve(undefined);
      }, budget);
    });
    try {
      return await Promise.race([stored, late]);
    } finally {
      clearTimeout(timer);
    }
  }
}
