import fc from 'fast-check';
import { embedInBatches, type EmbedBatch } from './embed-in-batches';

/** Stands in for the model: a text's vector is [length, 1, 0]; it records the batches it got. */
function fakeModel(): { embedBatch: EmbedBatch; batches: string[][] } {
  const batches: string[][] = [];
  return {
    batches,
    embedBatch: async (texts) => {
      batches.push([...texts]);
      return texts.map((text) => [text.length, 1, 0]);
    },
  };
}

describe('embedInBatches', () => {
  it('calls the model with batches of at most batchSize texts, in order, one batch at a time', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ minLength: 1 }), { maxLength: 40 }), fc.integer({ min: 1, max: 12 }), async (texts, batchSize) => {
        const model = fakeModel();
        const vectors = await embedInBatches(texts, { batchSize, dimensions: 3 }, model.embedBatch);
        expect(model.batches.flat()).toEqual(texts);
        expect(model.batches.every((batch) => batch.length >= 1 && batch.length <= batchSize)).toBe(true);
        expect(model.batches.length).toBe(Math.ceil(texts.length / batchSize));
        expect(vectors).toHaveLength(texts.length);
        vectors.forEach((vector, i) => {
          const length = Math.hypot(texts[i].length, 1);
          expect([...vector]).toEqual([...new Float32Array([texts[i].length / length, 1 / length, 0])]);
        });
      }),
    );
  });

  it('never runs two batches at once', async () => {
    let running = 0;
    let most = 0;
    await embedInBatches(['a', 'b', 'c', 'd', 'e'], { batchSize: 2, dimensions: 1 }, async (texts) => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 1));
      running--;
      return texts.map(() => [1]);
    });
    expect(most).toBe(1);
  });

  it('refuses a batch size that is not a whole number ≥ 1', async () => {
    for (const batchSize of [0, -1, 1.5, Number.NaN]) {
      await expect(embedInBatches(['a'], { batchSize, dimensions: 3 }, fakeModel().embedBatch)).rejects.toThrow(/batchSize must be a whole number/);
    }
  });

  it('fails loudly when the model drops a vector or returns another length', async () => {
    await expect(embedInBatches(['a', 'b', 'c'], { batchSize: 3, dimensions: 1 }, async () => [[1], [1]])).rejects.toThrow(
      'the model returned 2 vectors for 3 texts (texts 0–2)',
    );
    await expect(embedInBatches(['a'], { batchSize: 3, dimensions: 4 }, async () => [[1, 2]])).rejects.toThrow(/2 dimensions, expected 4/);
  });
});
