import { hashSignals } from '../hash-signals';
import { generateTraffic } from './generate-traffic';
import { observeTraffic } from './observed-traffic';
import type { SimulatedVote } from './simulated-traffic';

describe('observeTraffic', () => {
  const traffic = generateTraffic({ seed: 5, voters: 300, requests: 60 });

  it('turns each simulated vote into the vote the service would observe, hashed as the service hashes', () => {
    const observed = observeTraffic(traffic, 'key');
    expect(observed).toHaveLength(traffic.votes.length);
    const simulated = traffic.votes[10] as SimulatedVote;
    const voter = traffic.voters.find((candidate) => candidate.id === simulated.voterId);
    const request = traffic.requests.find((candidate) => candidate.id === simulated.featureRequestId);
    expect(voter && request).toBeTruthy();
    expect(observed[10]).toEqual({
      voteId: 'vote-10',
      featureRequestId: simulated.featureRequestId,
      voterId: simulated.voterId,
      castAt: simulated.at,
      accountCreatedAt: voter?.accountCreatedAt,
      ...hashSignals(voter ?? {}, 'key'),
      requestAuthorId: request?.authorId,
    });
  });

  it('refuses a vote by a voter the traffic does not know', () => {
    const broken = { ...traffic, voters: traffic.voters.slice(1) };
    expect(() => observeTraffic(broken)).toThrow(/is not among the traffic's voters/);
  });
});
