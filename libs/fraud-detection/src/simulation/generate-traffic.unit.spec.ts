import { networkOf } from '../hash-signals';
import { generateTraffic } from './generate-traffic';
import { ATTACK_KINDS, type SimulatedTraffic, type SimulatedVoter } from './simulated-traffic';

const DAY = 86_400_000;
const traffic = generateTraffic({ seed: 7 });
const voterOf = new Map(traffic.voters.map((voter) => [voter.id, voter]));
const votersWithIds = (ids: Iterable<string>) => [...ids].map((id) => voterOf.get(id) as SimulatedVoter);

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

const votersLabelled = (source: SimulatedTraffic, label: string) =>
  new Set(source.votes.filter((vote) => vote.label === label).map((vote) => vote.voterId));

describe('generateTraffic', () => {
  it('gives the same traffic for the same seed and other traffic for another', () => {
    const small = { voters: 300, requests: 60 };
    expect(generateTraffic({ seed: 1, ...small })).toEqual(generateTraffic({ seed: 1, ...small }));
    expect(generateTraffic({ seed: 2, ...small }).votes).not.toEqual(generateTraffic({ seed: 1, ...small }).votes);
  });

  it('orders votes in time within the period, one per voter and request, on known voters and requests', () => {
    const requests = new Set(traffic.requests.map((request) => request.id));
    traffic.votes.forEach((vote, i) => {
      expect(vote.at).toBeGreaterThanOrEqual(i === 0 ? traffic.startAt : (traffic.votes[i - 1]?.at as number));
      expect(vote.at).toBeLessThan(traffic.startAt + traffic.durationMs);
      expect(voterOf.has(vote.voterId) && requests.has(vote.featureRequestId)).toBe(true);
    });
    const pairs = new Set(traffic.votes.map((vote) => `${vote.voterId}/${vote.featureRequestId}`));
    expect(pairs.size).toBe(traffic.votes.length);
    for (const request of traffic.requests) expect(voterOf.has(request.authorId)).toBe(true);
  });

  it('has thousands of organic voters casting 1 to 15 votes, with Zipf-like popularity', () => {
    const organic = groupBy(traffic.votes.filter((vote) => vote.label === 'organic'), (vote) => vote.voterId);
    expect(organic.size).toBe(3_000);
    const counts = [...organic.values()].map((votes) => votes.length);
    expect(Math.min(...counts)).toBe(1);
    expect(Math.max(...counts)).toBe(15);
    const perRequest = [...groupBy(traffic.votes, (vote) => vote.featureRequestId).values()]
      .map((votes) => votes.length)
      .sort((a, b) => b - a);
    expect(perRequest[0]).toBeGreaterThan(0.5 * organic.size);
    expect(perRequest[0]).toBeGreaterThan(10 * (perRequest[50] as number));
    expect(traffic.requests).toHaveLength(300);
  });

  it('includes the organic hard cases: shared phones, shared networks and new accounts', () => {
    const organic = votersWithIds(votersLabelled(traffic, 'organic'));
    const byDevice = groupBy(organic, (voter) => voter.deviceFingerprint);
    const sharedPhones = [...byDevice.values()].filter((voters) => voters.length === 2).length;
    expect(sharedPhones).toBeGreaterThan(10);
    expect(Math.max(...[...byDevice.values()].map((voters) => voters.length))).toBe(2);

    const byNetwork = [...groupBy(organic, (voter) => networkOf(voter.ipAddress)).values()].map((voters) => voters.length);
    expect(Math.max(...byNetwork)).toBeGreaterThanOrEqual(40);
    expect(byNetwork.filter((size) => size >= 2 && size <= 8).length).toBeGreaterThan(100);

    const firstVote = new Map<string, number>();
    for (const vote of traffic.votes) if (!firstVote.has(vote.voterId)) firstVote.set(vote.voterId, vote.at);
    const brandNew = organic.filter((voter) => (firstVote.get(voter.id) as number) - voter.accountCreatedAt < DAY);
    expect(brandNew.length / organic.length).toBeGreaterThan(0.01);
    expect(brandNew.length / organic.length).toBeLessThan(0.04);
  });

  it('mixes in every attack at a realistic size', () => {
    const attackers = (kind: string) => votersLabelled(traffic, kind).size;
    expect(attackers('sockpuppets')).toBeGreaterThanOrEqual(15);
    expect(attackers('sockpuppets')).toBeLessThanOrEqual(40);
    expect(attackers('shared_network')).toBeGreaterThanOrEqual(12);
    expect(attackers('vote_ring')).toBeGreaterThanOrEqual(12);
    expect(attackers('burst')).toBeGreaterThanOrEqual(80);
    expect(attackers('new_accounts')).toBeGreaterThanOrEqual(20);
    expect(attackers('serial_voting')).toBeGreaterThanOrEqual(3);

    const farm = groupBy(votersWithIds(votersLabelled(traffic, 'sockpuppets')), (voter) => voter.deviceFingerprint);
    for (const accounts of farm.values()) expect(accounts.length).toBeGreaterThanOrEqual(5);
  });

  it('gives attackers nothing that betrays them but their behaviour', () => {
    for (const voter of traffic.voters) expect(voter.id).toMatch(/^usr_[0-9a-f]{16}$/);
    const attackers = new Set(traffic.votes.filter((vote) => vote.label !== 'organic').map((vote) => vote.voterId));
    const positions = traffic.voters.flatMap((voter, index) => (attackers.has(voter.id) ? [index / traffic.voters.length] : []));
    const mean = positions.reduce((sum, position) => sum + position, 0) / positions.length;
    expect(mean).toBeGreaterThan(0.35);
    expect(mean).toBeLessThan(0.65);
  });

  it('can leave attacks out', () => {
    const quiet = generateTraffic({ seed: 7, voters: 300, requests: 60, attacks: [] });
    expect(quiet.votes.every((vote) => vote.label === 'organic')).toBe(true);
    const one = generateTraffic({ seed: 7, voters: 300, requests: 60, attacks: ['burst'] });
    expect(new Set(one.votes.map((vote) => vote.label))).toEqual(new Set(['organic', 'burst']));
    expect(ATTACK_KINDS).toHaveLength(6);
  });
});
