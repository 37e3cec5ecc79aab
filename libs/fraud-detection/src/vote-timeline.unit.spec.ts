import { SortedVoteTimeline } from './vote-timeline';
import { aVote, MINUTE, T0 } from './testing/observed-votes.fixture';

describe('SortedVoteTimeline', () => {
  it('stays correct after many evictions from the front', () => {
    const timeline = new SortedVoteTimeline();
    const votes = Array.from({ length: 1_000 }, (_, i) => aVote({ castAt: T0 + i * MINUTE }));
    votes.forEach((vote) => timeline.insert(vote));
    votes.slice(0, 900).forEach((vote) => expect(timeline.remove(vote)).toBe(true));
    expect(timeline.size).toBe(100);
    expect(timeline.oldest).toBe(votes[900]);
    expect(timeline.countBetween(T0, T0 + 950 * MINUTE)).toBe(50);
    expect(timeline.since(T0 + 998 * MINUTE)).toEqual(votes.slice(998));
  });

  it('removes a vote from the middle and ignores one it does not hold', () => {
    const timeline = new SortedVoteTimeline();
    const [a, b, c] = [0, 1, 2].map((minute) => aVote({ castAt: T0 + minute * MINUTE }));
    [a, b, c].forEach((vote) => timeline.insert(vote));
    expect(timeline.remove(b)).toBe(true);
    expect(timeline.remove(b)).toBe(false);
    expect([...timeline]).toEqual([a, c]);
  });

  it('keeps arrival order among votes cast at the same moment', () => {
    const timeline = new SortedVoteTimeline();
    const votes = [aVote(), aVote(), aVote()];
    votes.forEach((vote) => timeline.insert(vote));
    expect([...timeline]).toEqual(votes);
  });
});
