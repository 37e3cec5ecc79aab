import type { DetectorWindow } from '../detector-window';
import type { ObservedVote } from '../observed-vote';
import { findingsForGroup, scaledScore, type Detector } from './detector';

/**
 * Accounts that vote together far more than chance allows. Popularity is Zipf-distributed, so
 * organic voters constantly share the top requests; only co-votes on requests below a popularity
 * cutoff count, and the pair's whole vote sets must also be alike (Jaccard). Candidates come only
 * from the voters of the voter's least popular requests, capped, so the work per vote is bounded
 * however large the board grows. A voter with fewer partners still joins a ring that its partners
 * were already reported in.
 */
export const detectVoteRing: Detector = (window, vote, config) => {
  const { minRingSize, minKnownRingPartners, minSharedRequests, minJaccard, popularVoterShare } = config.voteRing;
  const { maxProbeRequests, maxVotersPerProbe } = config.voteRing;
  const from = vote.castAt - config.voteRing.windowMs;
  const mine = window.votesByVoter(vote.voterId).since(from);
  if (mine.length < minSharedRequests) return [];

  const popularAt = popularVoterShare * window.activeVoterCount;
  const rare = mine
    .map((own) => window.votesOnRequest(own.featureRequestId))
    .filter((voters) => voters.size < popularAt);
  if (rare.length < minSharedRequests) return [];
  const probes = rare
    .sort((a, b) => a.size - b.size)
    .slice(0, maxProbeRequests)
    .map((voters) => voters.newest(maxVotersPerProbe).filter((other) => other.castAt >= from));

  // A partner must share `minSharedRequests` of the probes, so it is among the voters of the
  // first (smallest) probes but that many less one: later probes only count known candidates.
  const seedingProbes = probes.length - minSharedRequests + 1;
  const coVotes = new Map<string, number>();
  probes.forEach((voters, index) => {
    for (const other of voters) {
      if (other.voterId === vote.voterId) continue;
      const shared = coVotes.get(other.voterId);
      if (shared !== undefined) coVotes.set(other.voterId, shared + 1);
      else if (index < seedingProbes) coVotes.set(other.voterId, 1);
    }
  });

  const myRequests = new Set(mine.map((own) => own.featureRequestId));
  const similarities: number[] = [];
  const ring = new Set([vote.voterId]);
  for (const [other, shared] of coVotes) {
    if (shared < minSharedRequests) continue;
    const similarity = jaccard(myRequests, window.votesByVoter(other).since(from));
    if (similarity < minJaccard) continue;
    ring.add(other);
    similarities.push(similarity);
  }
  if (ring.size < minRingSize && !joinsKnownRing(window, probes, ring, vote.voterId, minKnownRingPartners)) return [];

  const group: ObservedVote[] = [];
  let sharedRequests = 0;
  for (const voters of probes) {
    const ringVotes = voters.filter((other) => ring.has(other.voterId));
    if (ringVotes.length < 2) continue;
    sharedRequests++;
    group.push(...ringVotes);
  }
  const lowest = Math.round(Math.min(...similarities) * 100);
  return findingsForGroup(window, config, group, {
    kind: 'vote_ring',
    score: scaledScore(config.voteRing.score, minRingSize, ring.size),
    explanation: `${ring.size} accounts voted the same ${sharedRequests} rarely voted requests; ` +
      `each partner's votes are at least ${lowest}% the same as the voter's`,
  });
};

/** Whether enough of the voter's partners have a vote on the probed requests already reported as part of a ring. */
function joinsKnownRing(
  window: DetectorWindow,
  probes: readonly ObservedVote[][],
  ring: ReadonlySet<string>,
  voterId: string,
  minKnownRingPartners: number,
): boolean {
  if (minKnownRingPartners <= 0 || ring.size - 1 < minKnownRingPartners) return false;
  const known = new Set<string>();
  for (const voters of probes) {
    for (const other of voters) {
      if (other.voterId !== voterId && ring.has(other.voterId) && window.wasReported(other.voteId, 'vote_ring')) {
        known.add(other.voterId);
      }
    }
  }
  return known.size >= minKnownRingPartners;
}

function jaccard(mine: ReadonlySet<string>, theirs: readonly ObservedVote[]): number {
  const theirRequests = new Set(theirs.map((other) => other.featureRequestId));
  let shared = 0;
  for (const request of theirRequests) if (mine.has(request)) shared++;
  return shared / (mine.size + theirRequests.size - shared);
}
