import { once } from 'node:events';

/** Writes lines and waits when the reader is slower, so that a long tail never piles up in memory. */
export function lineWriter(stream: NodeJS.WritableStream = process.stdout): (line: string) => Promise<void> {
  return async (line) => {
    if (!stream.write(`${line}\n`)) await once(stream, 'drain');
  };
}
