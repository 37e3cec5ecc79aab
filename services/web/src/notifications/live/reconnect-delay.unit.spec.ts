import { reconnectDelayMs } from './reconnect-delay';

describe('reconnectDelayMs', () => {
  const noJitter = () => 0;

  it('waits a second after the first end, twice as long after each failure in a row, at most 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((failures) => reconnectDelayMs(failures, noJitter))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('shortens each wait by up to a fifth at random, so tabs do not reconnect in step', () => {
    expect(reconnectDelayMs(3, () => 1)).toBe(3_200);
    expect(reconnectDelayMs(3, () => 0.5)).toBe(3_600);
    for (let failures = 1; failures < 10; failures++) {
      const delay = reconnectDelayMs(failures);
      expect(delay).toBeGreaterThanOrEqual(reconnectDelayMs(failures, () => 1));
      expect(delay).toBeLessThanOrEqual(reconnectDelayMs(failures, noJitter));
    }
  });

  it('treats a count below one as the first', () => {
    expect(reconnectDelayMs(0, noJitter)).toBe(1_000);
  });
});
