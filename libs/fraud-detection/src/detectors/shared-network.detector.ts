import { describeDuration, findingsForGroup, scaledScore, type Detector } from './detector';
import { poissonTail } from './poisson-tail';

/**
 * Many accounts of one network (an IPv4 /24) voting the same request close together. Households,
 * offices, a venue's wifi and mobile carriers share networks, so the count is tested against
 * chance: the network's active accounts times the request's share of all voters. A room full of
 * people voting the board's favourites is expected; five of them picking one obscure request is not.
 */
export const detectSharedNetwork: Detector = (window, vote, config) => {
  const { minAccounts, maxChanceProbability, windowMs, score } = config.sharedNetwork;
  if (vote.networkHash === '') return [];
  const from = vote.castAt - windowMs;
  const network = window.votesOnNetwork(vote.networkHash);
  const request = window.votesOnRequest(vote.featureRequestId);
  // Whichever is shorter: a mobile carrier's /24 or the board's favourite can hold thousands an hour.
  const onRequest =
    network.countBetween(from, Infinity) <= request.countBetween(from, Infinity)
      ? network.since(from).filter((candidate) => candidate.featureRequestId === vote.featureRequestId)
      : request.since(from).filter((candidate) => candidate.networkHash === vote.networkHash);
  const accountsOnRequest = new Set(onRequest.map((candidate) => candidate.voterId)).size;
  if (accountsOnRequest < minAccounts) return [];

  const requestShare = request.size / Math.max(1, window.activeVoterCount);
  // The network has at least these accounts active: if even that many explain the count, stop
  // before counting them all (a carrier's /24 voting the favourites takes this exit).
  if (poissonTail(accountsOnRequest, accountsOnRequest * requestShare) > maxChanceProbability) return [];
  const activeAccounts = new Set(network.since(from).map((candidate) => candidate.voterId)).size;
  const expected = activeAccounts * requestShare;
  const chance = poissonTail(accountsOnRequest, expected);
  if (chance > maxChanceProbability) return [];

  return findingsForGroup(window, config, onRequest, {
    kind: 'shared_network',
    // Stronger as chance gets less likely: at the threshold the base score, at its square halfway to 1.
    score: scaledScore(score, -Math.log10(maxChanceProbability), -Math.log10(Math.max(chance, Number.MIN_VALUE))),
    explanation: `${accountsOnRequest} accounts from one network voted the same request within ${describeDuration(windowMs)}; ` +
      `chance would give ${expected.toFixed(1)}`,
  });
};
