import type { TextEmbedder } from '@frm/text-embeddings';
import { QueryEmbedder } from './query-embedder';

/** A model that answers each call after `delayMs`; it records every text it embedded and the batch sizes it was asked for. */
function slowModel(delayMs: number): TextEmbedder & { texts: string[]; batchSizes: (number | undefined)[] } {
  const texts: string[] = [];
  const batchSizes: (number | undefined)[] = [];
  return {
    texts,
    batchSizes,
    dimensions: 1,
    model: 'fake',
    embed: async (batch, options) => {
      texts.push(...batch);
      batchSizes.push(options?.batchSize);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return batch.map((text) => Float32Array.of(text.length));
    },
  };
}

describe('QueryEmbedder', () => {
  it('embeds a text once and serves it from the cache afterwards', async () => {
    const model = slowModel(1);
    const queries = new QueryEmbedder(model);
    expect(await queries.vectorOf('guest list')).toEqual(Float32Array.of(10));
    expect(await queries.vectorOf('guest list')).toEqual(Float32Array.of(10));
    expect(model.texts).toEqual(['guest list']);
  });

  it('asks the model for the texts that gathered while it was busy in one call of that batch size', async () => {
    const model = slowModel(5);
    const queries = new QueryEmbedder(model);
    await Promise.all([queries.vectorOf('a'), queries.vectorOf('bb'), queries.vectorOf('ccc')]);
    expect(model.batchSizes).toEqual([1, 2]);
  });

  it('answers undefined at once when, behind another search, the text could not be embedded within the budget', async () => {
    const model = slowModel(20);
    const queries = new QueryEmbedder(model);
    const ahead = queries.vectorOf('guest list');
    expect(await queries.vectorOf('seating plan', 2)).toBeUndefined();
    await ahead;
    expect(model.texts).toEqual(['guest list']);
  });

  it('waits past the budget, up to LONE_SEARCH_BUDGET_MS, for a lone search (model idle, none just before), and not for the next one', async () => {
    const model = slowModel(30);
    const queries = new QueryEmbedder(model);
    expect(await queries.vectorOf('seating plan', 5)).toEqual(Float32Array.of(12));
    expect(await queries.vectorOf('guest list', 5)).toBeUndefined();
  });

  it('answers undefined when the model turns out slower than the budget allows, and embeds the text when asked again with the model idle', async () => {
    const model = slowModel(40);
    const queries = new QueryEmbedder(model);
    // Another search is being embedded, so the budget holds; that call shows the model too slow for 'seating plan' to make it.
    const ahead = queries.vectorOf('guest list');
    await new Promise((resolve) => setTimeout(resolve, 10));
    const started = performance.now();
    expect(await queries.vectorOf('seating plan', 60)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(100);
    await ahead;
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await queries.vectorOf('seating plan', 60)).toEqual(Float32Array.of(12));
    expect(model.texts).toEqual(['guest list', 'seating plan']);
  });
});
