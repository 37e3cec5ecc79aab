import { EmbeddingBatcher, type EmbeddingBatcherOptions } from './embedding-batcher';

/** A model whose calls finish when the test says so; it records the batches it got. */
function controlledModel() {
  const calls: { texts: string[]; finish(): void; fail(error: Error): void }[] = [];
  const embed = (texts: readonly string[]) =>
    new Promise<Float32Array[]>((resolve, reject) => {
      calls.push({ texts: [...texts], finish: () => resolve(texts.map((text) => Float32Array.of(text.length))), fail: reject });
    });
  return { calls, embed };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('EmbeddingBatcher', () => {
  let clock = 0;
  const options = (overrides: Partial<EmbeddingBatcherOptions> = {}): EmbeddingBatcherOptions => ({
    maxBatch: 8,
    callMs: 10,
    textMs: 2,
    minBatch: 1,
    gatherMs: 0,
    maxBusyShare: 1,
    now: () => clock,
    ...overrides,
  });
  beforeEach(() => {
    clock = 0;
  });

  it('sends a text at once to an idle model, and what arrives meanwhile as one batch', async () => {
    const model = controlledModel();
    const batcher = new EmbeddingBatcher(model.embed, options());
    const first = batcher.request('a');
    const second = batcher.request('bb');
    const third = batcher.request('ccc');
    expect(model.calls.map((call) => call.texts)).toEqual([['a']]);
    expect(batcher.waiting).toBe(2);
    model.calls[0]?.finish();
    expect(await first.vector).toEqual(Float32Array.of(1));
    await flush();
    expect(model.calls.map((call) => call.texts)).toEqual([['a'], ['bb', 'ccc']]);
    model.calls[1]?.finish();
    expect([await second.vector, await third.vector]).toEqual([Float32Array.of(2), Float32Array.of(3)]);
  });

  it('embeds a text asked twice once, and leaves out a text nobody waits for any more', async () => {
    const model = controlledModel();
    const batcher = new EmbeddingBatcher(model.embed, options());
    batcher.request('busy');
    const once = batcher.request('same');
    const twice = batcher.request('same');
    const given = batcher.request('given up');
    given.withdraw();
    model.calls[0]?.finish();
    await flush();
    expect(model.calls[1]?.texts).toEqual(['same']);
    model.calls[1]?.finish();
    expect(await once.vector).toBe(await twice.vector);
  });

  it('answers undefined at once for a text that cannot be embedded by its deadline, and cuts a batch to what the first can wait for', async () => {
    const model = controlledModel();
    const batcher = new EmbeddingBatcher(model.embed, options());
    clock = 88;
    batcher.request('busy');
    // The first call takes as long as expected; a call costs 10 ms + 2 ms a text: by 115 two texts fit.
    clock = 100;
    const late = batcher.request('late', 105);
    const urgent = batcher.request('urgent', 115);
    const calm = batcher.request('calm', 200);
    const calmer = batcher.request('calmer', 300);
    model.calls[0]?.finish();
    await flush();
    expect(await late.vector).toBeUndefined();
    expect(model.calls[1]?.texts).toEqual(['urgent', 'calm']);
    model.calls[1]?.finish();
    await flush();
    expect(await urgent.vector).toEqual(Float32Array.of(6));
    expect(model.calls[2]?.texts).toEqual(['calmer']);
    model.calls[2]?.finish();
    expect(await calm.vector).toEqual(Float32Array.of(4));
    expect(await calmer.vector).toEqual(Float32Array.of(6));
  });

  it('learns quickly how much slower than expected the model runs, and forgets it with a half-life of a second', async () => {
    const model = controlledModel();
    const batcher = new EmbeddingBatcher(model.embed, options());
    expect(batcher.costOf(1)).toBe(12);
    batcher.request('slow');
    clock = 60;
    model.calls[0]?.finish();
    await flush();
    // Measured 5 times slower: halfway there at once.
    expect(batcher.costOf(1)).toBeCloseTo(12 * 3, 9);
    clock = 1_060;
    expect(batcher.costOf(1)).toBeCloseTo(12 * (1 + 2 / 2), 9);
    batcher.request('fast');
    clock = 1_066;
    model.calls[1]?.finish();
    await flush();
    // A fast call lowers the estimate by degrees only.
    expect(batcher.costOf(1)).toBeGreaterThan(12);
    expect(batcher.costOf(1)).toBeLessThan(24);
  });

  it('waits a moment for more texts while fewer than minBatch wait, never past a deadline', async () => {
    jest.useFakeTimers();
    try {
      const model = controlledModel();
      const batcher = new EmbeddingBatcher(model.embed, options({ minBatch: 3, gatherMs: 5, now: () => Date.now() }));
      batcher.request('one');
      batcher.request('two');
      expect(model.calls).toHaveLength(0);
      jest.advanceTimersByTime(5);
      expect(model.calls.map((call) => call.texts)).toEqual([['one', 'two']]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('rests after each call so that the model computes at most maxBusyShare of the time', async () => {
    jest.useFakeTimers({ now: 0 });
    try {
      const model = controlledModel();
      const batcher = new EmbeddingBatcher(model.embed, options({ maxBusyShare: 0.25, now: () => Date.now() }));
      batcher.request('first');
      jest.advanceTimersByTime(10);
      const second = batcher.request('second');
      model.calls[0]?.finish();
      await Promise.resolve();
      await jest.advanceTimersByTimeAsync(29);
      expect(model.calls).toHaveLength(1);
      await jest.advanceTimersByTimeAsync(1);
      expect(model.calls.map((call) => call.texts)).toEqual([['first'], ['second']]);
      model.calls[1]?.finish();
      expect(await second.vector).toEqual(Float32Array.of(6));
    } finally {
      jest.useRealTimers();
    }
  });

  it('hands a failed call’s error to everyone waiting for its texts, and goes on with the next', async () => {
    const model = controlledModel();
    const batcher = new EmbeddingBatcher(model.embed, options());
    const failed = batcher.request('a');
    const next = batcher.request('b');
    model.calls[0]?.fail(new Error('model crashed'));
    await expect(failed.vector).rejects.toThrow('model crashed');
    await flush();
    model.calls[1]?.finish();
    expect(await next.vector).toEqual(Float32Array.of(1));
  });

  it('refuses a maxBatch that is not a whole number ≥ 1', () => {
    expect(() => new EmbeddingBatcher(controlledModel().embed, options({ maxBatch: 0 }))).toThrow(/maxBatch must be a whole number/);
    expect(() => new EmbeddingBatcher(controlledModel().embed, options({ maxBusyShare: 0 }))).toThrow(/maxBusyShare must be above 0/);
  });
});

describe('EmbeddingBatcher under more texts than it can embed in time', () => {
  it('answers undefined at once, without queueing, for a text that would come after its deadline behind the call under way', async () => {
    let clock = 0;
    const model = controlledModel();
    const batcher = new EmbeddingBatcher(model.embed, { maxBatch: 8, callMs: 10, textMs: 2, minBatch: 1, gatherMs: 0, maxBusyShare: 1, now: () => clock });
    batcher.request('busy');
    clock = 5;
    // The call under way ends at 12; the next with one text at 24.
    expect(await batcher.request('too late', 20).vector).toBeUndefined();
    expect(batcher.waiting).toBe(0);
    const inTime = batcher.request('in time', 24);
    expect(batcher.waiting).toBe(1);
    clock = 12;
    model.calls[0]?.finish();
    await flush();
    model.calls[1]?.finish();
    expect(await inTime.vector).toEqual(Float32Array.of(7));
  });
});
