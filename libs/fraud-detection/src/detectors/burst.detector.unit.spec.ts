import type { ObservedVote } from '../observed-vote';
import { aVote, background, DAY, flaggedIds, HOUR, idsOf, MINUTE, replay, T0 } from '../testing/observed-votes.fixture';
import { detectBurst } from './burst.detector';

/** Votes on `target` from `count` accounts of the given age, `spacingMs` apart from `start`. */
function votesOn(count: number, ageMs: number, start: number, spacingMs: number, target = 'target'): ObservedVote[] {
  return Array.from({ length: count }, (_, i) => {
    const castAt = start + i * spacingMs;
    return aVote({ featureRequestId: target, castAt, accountCreatedAt: castAt - ageMs });
  });
}

const calmBaseline = () => [...votesOn(6, 400 * DAY, T0 - 3 * HOUR, 30 * MINUTE), ...background(300)];

describe('detectBurst', () => {
  it('flags the young accounts of a sudden burst, not the established voters in it', () => {
    const bought = votesOn(25, 3 * DAY, T0, 12_000);
    const regulars = votesOn(3, 400 * DAY, T0 + MINUTE, MINUTE);
    const { findings } = replay(detectBurst, [...calmBaseline(), ...regulars, ...bought].sort((a, b) => a.castAt - b.castAt));
    expect(flaggedIds(findings)).toEqual(idsOf(bought));
    expect(findings[0]).toMatchObject({ kind: 'burst', score: 0.6 });
    expect(findings[0]?.explanation).toMatch(/^20 votes on one request within 10 min, \d+× its usual rate; 17 from accounts younger than 14 days$/);
  });

  it('leaves an organic spike of established accounts alone', () => {
    expect(replay(detectBurst, [...calmBaseline(), ...votesOn(40, 400 * DAY, T0, 10_000)]).findings).toEqual([]);
  });

  it('leaves a request alone that is always this busy', () => {
    // Three hours at three votes a minute, many from young accounts (a request new users love).
    const steady = votesOn(3 * 60 * 3, 5 * DAY, T0 - 3 * HOUR, 20_000);
    expect(replay(detectBurst, steady).findings).toEqual([]);
  });

  it('flags a burst on a request nobody voted before', () => {
    const bought = votesOn(20, 2 * DAY, T0, 10_000);
    const { findings } = replay(detectBurst, [...background(300), ...bought]);
    expect(flaggedIds(findings)).toEqual(idsOf(bought));
    expect(findings[0]?.explanation).toContain('after a quiet spell');
  });

  it('waits for a baseline when the window has only just started watching', () => {
    expect(replay(detectBurst, votesOn(30, 2 * DAY, T0, 10_000)).findings).toEqual([]);
  });

  it('does not count retracted votes', () => {
    const [first, ...rest] = votesOn(20, 3 * DAY, T0, 10_000);
    const { window } = replay(detectBurst, [...calmBaseline(), first]);
    window.retract({ voteId: first.voteId, at: T0 + 1 });
    expect(replay(detectBurst, rest, undefined, window).findings).toEqual([]);
  });

  it('treats accounts of unknown age as not young', () => {
    const unknown = votesOn(30, 0, T0, 10_000).map((vote) => ({ ...vote, accountCreatedAt: undefined }));
    expect(replay(detectBurst, [...calmBaseline(), ...unknown]).findings).toEqual([]);
  });
});
