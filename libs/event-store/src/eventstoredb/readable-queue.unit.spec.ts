import { PassThrough } from 'node:stream';
import { ReadableQueue } from './readable-queue';

describe('reading a stream in batches', () => {
  it('takes what is buffered, at most the batch size, and waits for more', async () => {
    const source = new PassThrough({ objectMode: true });
    const queue = new ReadableQueue<number>(source);
    [1, 2, 3].forEach((n) => source.write(n));
    expect(queue.take(2)).toEqual([1, 2]);
    expect(queue.take(2)).toEqual([3]);
    expect(queue.take(2)).toEqual([]);

    const more = queue.waitForMore();
    source.write(4);
    await more;
    expect(queue.take(2)).toEqual([4]);
  });

  it('leaves what it does not take in the stream, so the writer sees backpressure', () => {
    const source = new PassThrough({ objectMode: true, highWaterMark: 2 });
    const queue = new ReadableQueue<number>(source);
    const accepted = [1, 2, 3, 4, 5].map((n) => source.write(n));
    expect(accepted.at(-1)).toBe(false);
    expect(queue.take(1)).toEqual([1]);
  });

  it('wakes on end and reports it once everything was taken', async () => {
    const source = new PassThrough({ objectMode: true });
    const queue = new ReadableQueue<number>(source);
    source.end(1);
    await queue.waitForMore();
    expect(queue.take(5)).toEqual([1]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(queue.ended).toBe(true);
    await queue.waitForMore();
  });

  it('throws the stream’s error from the next take', async () => {
    const source = new PassThrough({ objectMode: true });
    const queue = new ReadableQueue<number>(source);
    const waiting = queue.waitForMore();
    source.destroy(new Error('server went away'));
    await waiting;
    expect(() => queue.take(1)).toThrow('server went away');
  });

  it('can be woken from outside', async () => {
    const queue = new ReadableQueue<number>(new PassThrough({ objectMode: true }));
    const waiting = queue.waitForMore();
    queue.interrupt();
    await expect(waiting).resolves.toBeUndefined();
  });
});
