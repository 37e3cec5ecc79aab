import { wasYoungerThan } from '../account-age';
import { describeDuration, findingsForGroup, scaledScore, type Detector } from './detector';

/**
 * A request suddenly voted far above its own baseline, mostly by young accounts: bought votes.
 * Organic spikes (a newsletter, a venue's wifi) bring established accounts, so the young share
 * separates them; only the young accounts' votes are flagged.
 */
export const detectBurst: Detector = (window, vote, config) => {
  const { windowMs, baselineMs, minVotes, minRateMultiple, youngAccountAgeMs, minYoungShare, score } = config.burst;
  const votes = window.votesOnRequest(vote.featureRequestId);
  const burstStart = vote.castAt - windowMs;
  const recent = votes.since(burstStart);
  if (recent.length < minVotes) return [];

  // Time before the window saw its first vote is unknown, not silent: after a restart every busy
  // request would look like a burst.
  const baselineStart = Math.max(burstStart - baselineMs, window.coveredSince ?? burstStart);
  const baselineSpan = burstStart - baselineStart;
  if (baselineSpan < windowMs) return [];
  const expected = (votes.countBetween(baselineStart, burstStart) * windowMs) / baselineSpan;
  if (recent.length < minRateMultiple * expected) return [];

  const young = recent.filter((candidate) => wasYoungerThan(candidate, youngAccountAgeMs));
  if (young.length < minYoungShare * recent.length) return [];

  const baseline = expected > 0 ? `${(recent.length / expected).toFixed(0)}× its usual rate` : 'after a quiet spell';
  return findingsForGroup(window, config, young, {
    kind: 'burst',
    score: scaledScore(score, minVotes, recent.length),
    explanation: `${recent.length} votes on one request within ${describeDuration(windowMs)}, ${baseline}; ` +
      `${young.length} from accounts younger than ${describeDuration(youngAccountAgeMs)}`,
  });
};
