import type { ObservedVote } from '../observed-vote';
import { aVote, DAY, flaggedIds, HOUR, idsOf, MINUTE, replay, T0 } from '../testing/observed-votes.fixture';
import { detectNewAccounts } from './new-account.detector';

/** `count` votes by one account created `ageMs` before its first vote, on different requests. */
function newcomer(voterId: string, count: number, ageMs: number, spacingMs = MINUTE): ObservedVote[] {
  return Array.from({ length: count }, (_, i) =>
    aVote({ voterId, featureRequestId: `request-${i}`, castAt: T0 + i * spacingMs, accountCreatedAt: T0 - ageMs }),
  );
}

/** One vote on `request-wave` by each of `count` accounts created `ageMs` before voting, `spacingMs` apart. */
function crowd(count: number, ageMs: number, prefix: string, spacingMs = 3 * MINUTE): ObservedVote[] {
  return Array.from({ length: count }, (_, i) => {
    const castAt = T0 + i * spacingMs;
    return aVote({ voterId: `${prefix}-${i}`, featureRequestId: 'request-wave', castAt, accountCreatedAt: castAt - ageMs });
  });
}

describe('detectNewAccounts', () => {
  it('leaves a new user who votes a little alone', () => {
    expect(replay(detectNewAccounts, newcomer('curious', 4, 2 * HOUR)).findings).toEqual([]);
  });

  it('flags every vote of a brand-new account that votes a lot on its first day', () => {
    const votes = newcomer('fresh', 6, 2 * HOUR);
    const { findings } = replay(detectNewAccounts, votes);
    expect(flaggedIds(findings)).toEqual(idsOf(votes));
    expect(findings[0]).toMatchObject({
      kind: 'new_account',
      score: 0.5,
      explanation: 'an account cast 5 votes within 24 h of being created',
    });
  });

  it('leaves an established account voting a lot alone, and counts only the first day', () => {
    expect(replay(detectNewAccounts, newcomer('regular', 12, 400 * DAY)).findings).toEqual([]);
    // Created 20 h before its first vote: only its first two votes, an hour apart, fall in its first day.
    expect(replay(detectNewAccounts, newcomer('slow', 6, 20 * HOUR, 3 * HOUR)).findings).toEqual([]);
  });

  it('does not count votes the account retracted', () => {
    const [first, ...rest] = newcomer('fresh', 5, HOUR);
    const { window } = replay(detectNewAccounts, [first]);
    window.retract({ voteId: first.voteId, at: T0 + 1 });
    expect(replay(detectNewAccounts, rest, undefined, window).findings).toEqual([]);
  });

  it('flags a wave of brand-new accounts converging on one request', () => {
    const wave = crowd(8, 30 * MINUTE, 'new');
    const { findings } = replay(detectNewAccounts, wave);
    expect(flaggedIds(findings)).toEqual(idsOf(wave));
    expect(findings[0]?.explanation).toBe('8 accounts created less than 24 h earlier voted one request within 1 h');
  });

  it('leaves new users drawn to a request many established users vote alone', () => {
    const established = crowd(30, 400 * DAY, 'regular', MINUTE);
    const newcomers = crowd(8, 30 * MINUTE, 'new');
    const votes = [...established, ...newcomers].sort((a, b) => a.castAt - b.castAt);
    expect(replay(detectNewAccounts, votes).findings).toEqual([]);
  });

  it('ignores accounts of unknown age', () => {
    const votes = newcomer('unknown', 8, HOUR).map((vote) => ({ ...vote, accountCreatedAt: undefined }));
    expect(replay(detectNewAccounts, votes).findings).toEqual([]);
  });
});
