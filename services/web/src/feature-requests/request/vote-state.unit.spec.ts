import { EXPECTATION_MS, expectVoted, shownVote } from './vote-state';

const T0 = 1_750_000_000_000;

describe('shownVote', () => {
  it('shows what the tally says when the caller has done nothing here', () => {
    expect(shownVote(true, undefined, T0)).toEqual({ voted: true });
    expect(shownVote(false, undefined, T0)).toEqual({ voted: false });
  });

  it('keeps showing a fresh vote while the tally has not caught up, then follows the tally', () => {
    const expectation = expectVoted(true, T0);
    expect(shownVote(false, expectation, T0 + 1_000)).toEqual({ voted: true, expectation });
    expect(shownVote(true, expectation, T0 + 2_000)).toEqual({ voted: true });
  });

  it('keeps showing a retraction while a stale tally still counts the vote', () => {
    const expectation = expectVoted(false, T0);
    expect(shownVote(true, expectation, T0 + 500)).toEqual({ voted: false, expectation });
  });

  it('believes the tally again once the wait is over', () => {
    const expectation = expectVoted(true, T0);
    expect(shownVote(false, expectation, T0 + EXPECTATION_MS)).toEqual({ voted: false });
  });
});
