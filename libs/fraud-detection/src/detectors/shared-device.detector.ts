import type { ObservedVote } from '../observed-vote';
import { describeDuration, findingsForGroup, scaledScore, type Detector } from './detector';

/**
 * Sockpuppets: several accounts voting from one device. A couple sharing a phone is two accounts,
 * so the threshold starts above that. Every vote of those accounts in the window is flagged, not
 * only the ones from the device: a puppet's other votes serve the same master.
 */
export const detectSharedDevice: Detector = (window, vote, config) => {
  const { minAccounts, windowMs, score } = config.sharedDevice;
  if (vote.deviceHash === '') return [];
  const from = vote.castAt - windowMs;
  const accounts = new Set(window.votesOnDevice(vote.deviceHash).since(from).map((onDevice) => onDevice.voterId));
  if (accounts.size < minAccounts) return [];

  const group: ObservedVote[] = [];
  for (const account of accounts) group.push(...window.votesByVoter(account).since(from));
  return findingsForGroup(window, config, group, {
    kind: 'shared_device',
    score: scaledScore(score, minAccounts, accounts.size),
    explanation: `${accounts.size} accounts voted from one device within ${describeDuration(windowMs)}`,
  });
};
