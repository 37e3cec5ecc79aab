import { hashSignals } from '../hash-signals';
import type { ObservedVote } from '../observed-vote';
import type { SimulatedTraffic } from './simulated-traffic';

/**
 * The traffic's votes as the voting service would observe them, hashed with `hashKey`. Vote ids
 * are the vote's position in the traffic.
 */
export function observeTraffic(traffic: SimulatedTraffic, hashKey = 'simulation'): ObservedVote[] {
  const authors = new Map(traffic.requests.map((request) => [request.id, request.authorId]));
  const voters = new Map(traffic.voters.map((voter) => [voter.id, { voter, signals: hashSignals(voter, hashKey) }]));
  return traffic.votes.map((vote, index) => {
    const known = voters.get(vote.voterId);
    if (!known) throw new Error(`vote ${index} is by ${vote.voterId}, who is not among the traffic's voters`);
    return {
      voteId: `vote-${index}`,
      featureRequestId: vote.featureRequestId,
      voterId: vote.voterId,
      castAt: vote.at,
      accountCreatedAt: known.voter.accountCreatedAt,
      ...known.signals,
      requestAuthorId: authors.get(vote.featureRequestId) ?? '',
    };
  });
}
