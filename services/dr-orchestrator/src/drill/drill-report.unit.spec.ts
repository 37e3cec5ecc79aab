import { recoveryPointSeconds } from './drill-report';

describe('recoveryPointSeconds', () => {
  const at = (seconds: number) => new Date(Date.UTC(2026, 10, 26, 10, 0, 0) + seconds * 1000);

  it('is the time between the newest live event and the newest restored one', () => {
    expect(recoveryPointSeconds(at(12.5), at(2))).toBe(10.5);
    expect(recoveryPointSeconds(at(2), at(2))).toBe(0);
  });

  it('is 0 for an empty live store, never negative, and unknown when only the live store has events', () => {
    expect(recoveryPointSeconds(undefined, undefined)).toBe(0);
    expect(recoveryPointSeconds(at(1), at(3))).toBe(0);
    expect(recoveryPointSeconds(at(1), undefined)).toBeNull();
  });
});
