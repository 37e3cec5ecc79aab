import type { TextEmbedder } from '@frm/text-embeddings';
import { LONE_SEARCH_BUDGET_MS, QueryEmbedder } from './query-embedder';

/** A model that answers each call after `delayMs`; it records every text it was asked for, every one it answered, and the batch sizes. */
function slowModel(delayMs: number): TextEmbedder & { texts: string[]; answered: string[]; batchSizes: (number | undefined)[] } {
  const texts: string[] = [];
  const answered: string[] = [];
  const batchSizes: (number | undefined)[] = [];
  return {
    texts,
    answered,
    batchSizes,
    dimensions: 1,
    model: 'fake',
    embed: async (batch, options) => {
      texts.push(...batch);
      batchSizes.push(options?.batchSize);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      answered.push(...batch);
      return batch.map((text) => Float32Array.of(text.length));
    },
  };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
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
    // (Whatever the machine's load: its 40 ms end before the 60 ms of the budget, and the next 40 ms after.)
    const ahead = queries.vectorOf('guest list');
    await until(() => model.texts.length === 1);
    expect(await queries.vectorOf('seating plan', 60)).toBeUndefined();
    expect(model.answered).not.toContain('seating plan');
    await ahead;
    // Asked again once the model has been idle for a while: a lone search, which the model has time for.
    await new Promise((resolve) => setTimeout(resolve, LONE_SEARCH_BUDGET_MS + 50));
    expect(await queries.vectorOf('seating plan', 60)).toEqual(Float32Array.of(12));
    expect(model.texts.filter((text) => text === 'seating plan')).toHaveLength(1);
  });
});
