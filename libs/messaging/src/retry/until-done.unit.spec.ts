import { StopRequested, untilDone } from './until-done';

const fast = { initialDelayMs: 1, maxDelayMs: 2 };

describe('untilDone', () => {
  it('retries until the attempt succeeds, reporting each failure', async () => {
    const failures: number[] = [];
    let calls = 0;
    const result = await untilDone(
      async () => {
        if (++calls < 4) throw new Error(`failure ${calls}`);
        return 'done';
      },
      { signal: new AbortController().signal, backoff: fast, onFailure: (_error, failure) => void failures.push(failure) },
    );
    expect(result).toBe('done');
    expect(failures).toEqual([1, 2, 3]);
  });

  it('gives up with StopRequested once stopped, and only then', async () => {
    const controller = new AbortController();
    let calls = 0;
    const run = untilDone(
      async () => {
        if (++calls === 3) controller.abort();
        throw new Error('still failing');
      },
      { signal: controller.signal, backoff: fast },
    );
    await expect(run).rejects.toBeInstanceOf(StopRequested);
    expect(calls).toBe(3);
  });
});
