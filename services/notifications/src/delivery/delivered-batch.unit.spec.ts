import { DeliveredBatch, type Delivered } from './delivered-batch';

const row = (n: number): Delivered => ({ deliveryId: `d${n}`, webhookId: 'w', attempt: 1, at: new Date(0), statusCode: 204, durationMs: 1 });

describe('DeliveredBatch', () => {
  it('writes one statement at a time, gathering what arrives meanwhile into the next', async () => {
    const writes: string[][] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const release: Array<() => void> = [];
    const batch = new DeliveredBatch(
      async (rows) => {
        inFlight++;
        mostInFlight = Math.max(mostInFlight, inFlight);
        writes.push(rows.map((r) => r.deliveryId));
        await new Promise<void>((resolve) => release.push(resolve));
        inFlight--;
      },
      2,
      1_000,
    );
    const first = [batch.add(row(1)), batch.add(row(2))];
    // The first statement is being written: these wait, however many, for the next one.
    const later = [batch.add(row(3)), batch.add(row(4)), batch.add(row(5))];
    expect(writes).toEqual([['d1', 'd2']]);
    release.shift()?.();
    await Promise.all(first);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual([['d1', 'd2'], ['d3', 'd4', 'd5']]);
    release.shift()?.();
    await Promise.all(later);
    expect(mostInFlight).toBe(1);
  });

  it('writes a short batch after its wait, and fails each caller of a statement that failed', async () => {
    const batch = new DeliveredBatch(() => Promise.reject(new Error('the database is away')), 64, 5);
    const outcomes = await Promise.allSettled([batch.add(row(1)), batch.add(row(2))]);
    expect(outcomes.map((o) => (o.status === 'rejected' ? (o.reason as Error).message : 'written'))).toEqual(['the database is away', 'the database is away']);
  });
});
