// Run as a process of its own by threaded-text-embedder.int.spec.ts: a fresh process, whose threads
// (libuv's pool among them) are all started after the model's thread lowered its priority.
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { ThreadedTextEmbedder } from '../../src';
import { nicenessOfThread } from './thread-niceness';

async function main(): Promise<void> {
  const embedder = await ThreadedTextEmbedder.load({ batchSize: 1 });
  await embedder.embed(['a text, so that the model has run']);
  await readFile(__filename);
  const model = 'tid' in embedder.priority ? String(embedder.priority.tid) : undefined;
  const threads = readdirSync('/proc/self/task').map((tid) => ({
    tid,
    name: readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim(),
    niceness: nicenessOfThread(tid),
    model: tid === model,
  }));
  embedder.dispose();
  process.stdout.write(JSON.stringify(threads));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(String(error instanceof Error ? error.stack : error));
    process.exit(1);
  },
);
