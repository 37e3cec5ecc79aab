import { DetectorWindow } from './detector-window';
import { fraudDetectionConfigFrom, longestWindowMs, DEFAULT_FRAUD_DETECTION_CONFIG } from './fraud-detection.config';
import { aVote, DAY, HOUR, MINUTE, T0 } from './testing/observed-votes.fixture';

const ids = (votes: Iterable<{ voteId: string }>) => [...votes].map((vote) => vote.voteId);

describe('DetectorWindow', () => {
  it('keeps the longest window the detectors need', () => {
    expect(new DetectorWindow().retentionMs).toBe(longestWindowMs(DEFAULT_FRAUD_DETECTION_CONFIG));
    expect(new DetectorWindow().retentionMs).toBe(7 * DAY);
  });

  it('indexes a vote by device, network, voter, request and author', () => {
    const window = new DetectorWindow();
    const vote = aVote({ deviceHash: 'd', networkHash: 'n', voterId: 'u', featureRequestId: 'r', requestAuthorId: 'a' });
    expect(window.add(vote)).toBe(true);
    for (const timeline of [
      window.votesOnDevice('d'),
      window.votesOnNetwork('n'),
      window.votesByVoter('u'),
      window.votesOnRequest('r'),
      window.votesOnRequestsOf('a'),
    ]) {
      expect(ids(timeline)).toEqual([vote.voteId]);
    }
    expect(window.size).toBe(1);
    expect(window.activeVoterCount).toBe(1);
    expect(window.get(vote.voteId)).toEqual(vote);
  });

  it('never groups unknown devices or networks', () => {
    const window = new DetectorWindow();
    window.add(aVote({ deviceHash: '', networkHash: '' }));
    window.add(aVote({ deviceHash: '', networkHash: '' }));
    expect(window.votesOnDevice('').size).toBe(0);
    expect(window.votesOnNetwork('').size).toBe(0);
  });

  it('ignores a replayed vote id', () => {
    const window = new DetectorWindow();
    const vote = aVote();
    expect(window.add(vote)).toBe(true);
    expect(window.add({ ...vote, castAt: vote.castAt + MINUTE })).toBe(false);
    expect(window.size).toBe(1);
    expect(window.votesByVoter(vote.voterId).size).toBe(1);
  });

  it('keeps every timeline in cast order when votes arrive out of order', () => {
    const window = new DetectorWindow();
    const late = aVote({ voterId: 'u', featureRequestId: 'a', castAt: T0 + 2 * MINUTE });
    const early = aVote({ voterId: 'u', featureRequestId: 'b', castAt: T0 });
    const middle = aVote({ voterId: 'u', featureRequestId: 'c', castAt: T0 + MINUTE });
    [late, early, middle].forEach((vote) => window.add(vote));
    expect(ids(window.votesByVoter('u'))).toEqual([early.voteId, middle.voteId, late.voteId]);
    expect(ids(window.votesByVoter('u').since(T0 + MINUTE))).toEqual([middle.voteId, late.voteId]);
    expect(window.votesByVoter('u').countBetween(T0, T0 + 2 * MINUTE)).toBe(2);
    expect(ids(window.votesByVoter('u').newest(1))).toEqual([late.voteId]);
  });

  describe('retraction', () => {
    it('removes the vote from every index but remembers it against replays', () => {
      const window = new DetectorWindow();
      const vote = aVote({ deviceHash: 'd' });
      window.add(vote);
      expect(window.retract({ voteId: vote.voteId, at: T0 + MINUTE })).toBe(true);
      expect(window.votesOnDevice('d').size).toBe(0);
      expect(window.votesByVoter(vote.voterId).size).toBe(0);
      expect(window.activeVoterCount).toBe(0);
      expect(window.size).toBe(0);
      expect(window.get(vote.voteId)).toBeUndefined();
      expect(window.add(vote)).toBe(false);
      expect(window.retract({ voteId: vote.voteId, at: T0 + 2 * MINUTE })).toBe(false);
    });

    it('holds the vote id again when it is cast anew after the retraction', () => {
      const window = new DetectorWindow();
      const vote = aVote();
      window.add(vote);
      window.markReported(vote.voteId, 'burst');
      window.retract({ voteId: vote.voteId, at: T0 + MINUTE });
      expect(window.add({ ...vote, castAt: T0 + 2 * MINUTE })).toBe(true);
      expect(window.get(vote.voteId)?.castAt).toBe(T0 + 2 * MINUTE);
      expect(window.wasReported(vote.voteId, 'burst')).toBe(true);
    });

    it('ignores a retraction of a vote it does not hold', () => {
      expect(new DetectorWindow().retract({ voteId: 'never-seen', at: T0 })).toBe(false);
    });
  });

  describe('eviction', () => {
    it('forgets votes older than the retention as newer ones arrive', () => {
      const window = new DetectorWindow(fraudDetectionConfigFrom({ voteRing: { windowMs: HOUR }, serialVoting: { windowMs: HOUR } }));
      expect(window.retentionMs).toBe(24 * HOUR);
      const old = aVote({ castAt: T0, deviceHash: 'd' });
      window.add(old);
      window.add(aVote({ castAt: T0 + 24 * HOUR }));
      expect(window.get(old.voteId)).toBeDefined();
      window.add(aVote({ castAt: T0 + 24 * HOUR + 1 }));
      expect(window.get(old.voteId)).toBeUndefined();
      expect(window.votesOnDevice('d').size).toBe(0);
      expect(window.size).toBe(2);
      expect(window.coveredSince).toBe(T0 + 1);
    });

    it('refuses a vote older than the window', () => {
      const window = new DetectorWindow();
      window.add(aVote({ castAt: T0 }));
      expect(window.add(aVote({ castAt: T0 - 8 * DAY }))).toBe(false);
    });

    it('evicts the oldest votes beyond the maximum count', () => {
      const window = new DetectorWindow(fraudDetectionConfigFrom({ window: { maxVotes: 3 } }));
      const votes = [0, 1, 2, 3, 4].map((minute) => aVote({ voterId: 'u', castAt: T0 + minute * MINUTE }));
      votes.forEach((vote) => window.add(vote));
      expect(ids(window.votesByVoter('u'))).toEqual(ids(votes.slice(2)));
      expect(window.size).toBe(3);
    });

    it('counts a retracted vote against the maximum until it ages out, then forgets it', () => {
      const window = new DetectorWindow(fraudDetectionConfigFrom({ window: { maxVotes: 2 } }));
      const retracted = aVote({ castAt: T0 });
      window.add(retracted);
      window.retract({ voteId: retracted.voteId, at: T0 + 1 });
      window.add(aVote({ castAt: T0 + MINUTE }));
      window.add(aVote({ castAt: T0 + 2 * MINUTE }));
      expect(window.size).toBe(2);
      // Forgotten entirely: the same id, cast again, is a new vote.
      expect(window.add({ ...retracted, castAt: T0 + 3 * MINUTE })).toBe(true);
    });

    it('evicts on demand and forgets what was reported', () => {
      const window = new DetectorWindow();
      const old = aVote({ castAt: T0 });
      const recent = aVote({ castAt: T0 + HOUR });
      window.add(old);
      window.add(recent);
      window.markReported(old.voteId, 'shared_device');
      expect(window.evictBefore(T0 + MINUTE)).toBe(1);
      expect(window.wasReported(old.voteId, 'shared_device')).toBe(false);
      expect(window.get(recent.voteId)).toBeDefined();
      expect(window.coveredSince).toBe(T0 + MINUTE);
    });
  });

  it('records reported (vote, kind) pairs', () => {
    const window = new DetectorWindow();
    const vote = aVote();
    window.add(vote);
    expect(window.wasReported(vote.voteId, 'burst')).toBe(false);
    window.markReported(vote.voteId, 'burst');
    expect(window.wasReported(vote.voteId, 'burst')).toBe(true);
    expect(window.wasReported(vote.voteId, 'vote_ring')).toBe(false);
  });
});
