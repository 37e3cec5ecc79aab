import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { EmbeddingModelFilesError, MODEL_THREAD_NICENESS, ThreadedTextEmbedder, UniversalSentenceEncoder } from '../src';
import { nicenessOfThread } from './support/thread-niceness';

const TEXTS = ['Let guests upload photos to the wedding gallery', 'Export invoices as PDF', 'Filter photographers by price range and style'];

describe('ThreadedTextEmbedder (the shipped model on a worker thread)', () => {
  let threaded: ThreadedTextEmbedder;
  let inProcess: UniversalSentenceEncoder;

  beforeAll(async () => {
    [threaded, inProcess] = await Promise.all([ThreadedTextEmbedder.load({ batchSize: 1 }), UniversalSentenceEncoder.load({ batchSize: 1 })]);
  });

  afterAll(() => {
    threaded?.dispose();
    inProcess?.dispose();
  });

  it('gives the same vectors, bit for bit, as the model in this thread, and names the same model', async () => {
    expect(threaded.model).toBe(inProcess.model);
    expect(threaded.dimensions).toBe(512);
    const [ours, theirs] = await Promise.all([threaded.embed(TEXTS), inProcess.embed(TEXTS)]);
    expect(ours.map((vector) => [...vector])).toEqual(theirs.map((vector) => [...vector]));
  });

  it('leaves this thread free while it embeds', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      await threaded.embed(Array.from({ length: 40 }, (_, i) => `${TEXTS[i % TEXTS.length]} (${i})`), { batchSize: 20 });
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(5);
  });

  it('embeds a batch in one call when asked, within the last bits of one text per call', async () => {
    const [batched, single] = await Promise.all([threaded.embed(TEXTS, { batchSize: 3 }), threaded.embed(TEXTS)]);
    batched.forEach((vector, i) => vector.forEach((value, k) => expect(value).toBeCloseTo((single[i] as Float32Array)[k] as number, 5)));
  });

  it('runs the model at a lower priority than the service', () => {
    expect(threaded.priority).toEqual({ tid: expect.any(Number), niceness: MODEL_THREAD_NICENESS });
    const { tid } = threaded.priority as { tid: number };
    expect(tid).not.toBe(process.pid);
    expect(nicenessOfThread(tid)).toBe(MODEL_THREAD_NICENESS);
    expect(nicenessOfThread(process.pid)).not.toBe(MODEL_THREAD_NICENESS);
  });

  it('lowers the model thread alone: no thread it starts (libuv pool threads among them) inherits its priority', async () => {
    // A fresh process: in this one, jest started libuv's pool long before the model.
    const child = join(__dirname, 'support', 'thread-niceness.child.ts');
    const { stdout } = await promisify(execFile)(process.execPath, ['-r', '@swc-node/register', child], { timeout: 60_000 });
    const threads = JSON.parse(stdout) as { tid: string; name: string; niceness: number; model: boolean }[];
    expect(threads.length).toBeGreaterThan(4);
    const own = nicenessOfThread(process.pid);
    expect(threads.filter((thread) => thread.model).map((thread) => thread.niceness)).toEqual([MODEL_THREAD_NICENESS]);
    expect(threads.filter((thread) => !thread.model && thread.niceness !== own)).toEqual([]);
  }, 90_000);

  it('names a missing model file as the model in this thread does', async () => {
    const failure = await ThreadedTextEmbedder.load({ modelDirectory: '/nonexistent/model' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EmbeddingModelFilesError);
    expect(failure).toMatchObject({ file: '/nonexistent/model', problem: 'missing' });
    expect((failure as Error).message).toContain('run `npm ci`');
  });

  it('refuses to embed once disposed, saying so', async () => {
    const short = await ThreadedTextEmbedder.load();
    short.dispose();
    await expect(short.embed(['anything'])).rejects.toThrow('the embedding model was closed');
  });
});
