import type { FlagRecord } from './collect-flags';
import type { CastRecord } from './replay-votes';
import { scoreSimulation } from './score-simulation';

const cast = (label: CastRecord['label'], at: number, outcome: { voteId?: string; code?: string }): CastRecord => ({
  label,
  dueAt: at,
  sentAt: at + 1,
  answeredAt: at + 11,
  ...outcome,
});

describe('scoreSimulation', () => {
  const casts = [
    cast('organic', 0, { voteId: 'o1' }),
    cast('organic', 100, { voteId: 'o2' }),
    cast('organic', 200, { code: 'ResourceExhausted' }),
    cast('burst', 300, { voteId: 'b1' }),
    cast('burst', 400, { voteId: 'b2' }),
    cast('burst', 500, { code: 'Unavailable' }),
    cast('burst', 600, { voteId: 'b3' }),
  ];
  const flags: FlagRecord[] = [
    { voteId: 'b1', kinds: ['burst'], flaggedAt: 430 },
    { voteId: 'b2', kinds: ['burst', 'new_account'], flaggedAt: 430 },
    { voteId: 'o2', kinds: ['new_account'], flaggedAt: 650 },
    { voteId: 'elsewhere', kinds: ['burst'], flaggedAt: 700 },
  ];
  const score = scoreSimulation(casts, flags);

  it('counts flagged and refused votes as caught, and failed ones as missed', () => {
    expect(score.attacks.burst).toEqual({ votes: 4, flagged: 2, rate: 0.5, refused: 0, failed: 1 });
    expect(score.organic).toEqual({ votes: 3, flagged: 2, rate: 2 / 3, refused: 1, failed: 0 });
    expect(score.attacks.vote_ring.rate).toBe(1);
    expect(score.errorsByCode).toEqual({ ResourceExhausted: 1, Unavailable: 1 });
    expect(score.organicFlagsByKind).toEqual({ new_account: 1 });
    expect(score.unknownFlags).toBe(1);
  });

  it('measures the delay of a flag from the latest vote acknowledged before it', () => {
    // b2 was answered at 411, b3 at 611: the flags at 430 wait 19 ms, the one at 650 39 ms.
    expect(score.delays.burst).toMatchObject({ count: 2, p50Ms: 19, p99Ms: 19 });
    expect(score.delays.all).toMatchObject({ count: 3, p99Ms: 39 });
    expect(score.delays.sockpuppets.count).toBe(0);
  });

  it('times the replay from the first vote sent to the last answered', () => {
    expect(score.cast).toBe(5);
    expect(score.votesPerSecond).toBeCloseTo(5 / 0.61);
    expect(score.offeredPerSecond).toBeCloseTo(7 / 0.6);
    expect(score.lateness.maxMs).toBe(1);
  });
});
