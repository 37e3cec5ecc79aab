import { closeInOrder } from './close-in-order';

describe('closeInOrder', () => {
  it('closes everything in order, even after a failure, and says whether all closed', async () => {
    const closed: string[] = [];
    const allClosed = await closeInOrder([
      () => closed.push('service'),
      () => Promise.reject(new Error('redis went away')),
      async () => closed.push('storage'),
    ]);
    expect(closed).toEqual(['service', 'storage']);
    expect(allClosed).toBe(false);
    expect(await closeInOrder([() => undefined])).toBe(true);
  });
});
