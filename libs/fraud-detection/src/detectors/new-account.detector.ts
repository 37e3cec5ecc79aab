import { wasYoungerThan } from '../account-age';
import type { Finding } from '../observed-vote';
import { describeDuration, findingsForGroup, scaledScore, type Detector } from './detector';

/**
 * Brand-new accounts used en masse: one that votes a lot on its first day, or many that converge
 * on one request within the hour. A genuine new user looks around and votes a little; a campaign
 * that brings new users to a popular request is diluted by its established voters.
 */
export const detectNewAccounts: Detector = (window, vote, config) => {
  const { maxAccountAgeMs } = config.newAccount;
  if (!wasYoungerThan(vote, maxAccountAgeMs)) return [];
  return [...busyFirstDay(window, vote, config), ...wave(window, vote, config)];
};

const busyFirstDay: Detector = (window, vote, config) => {
  const { maxAccountAgeMs, minVotes, score } = config.newAccount;
  const firstDay = window
    .votesByVoter(vote.voterId)
    .since(vote.castAt - maxAccountAgeMs)
    .filter((own) => wasYoungerThan(own, maxAccountAgeMs));
  if (firstDay.length < minVotes) return [];
  return findingsForGroup(window, config, firstDay, {
    kind: 'new_account',
    score: scaledScore(score, minVotes, firstDay.length),
    explanation: `an account cast ${firstDay.length} votes within ${describeDuration(maxAccountAgeMs)} of being created`,
  });
};

const wave: Detector = (window, vote, config): Finding[] => {
  const { maxAccountAgeMs, waveWindowMs, waveMinVotes, waveMinShare, score } = config.newAccount;
  const recent = window.votesOnRequest(vote.featureRequestId).since(vote.castAt - waveWindowMs);
  const brandNew = recent.filter((candidate) => wasYoungerThan(candidate, maxAccountAgeMs));
  if (brandNew.length < waveMinVotes || brandNew.length < waveMinShare * recent.length) return [];
  return findingsForGroup(window, config, brandNew, {
    kind: 'new_account',
    score: scaledScore(score, waveMinVotes, brandNew.length),
    explanation: `${brandNew.length} accounts created less than ${describeDuration(maxAccountAgeMs)} earlier voted one request ` +
      `within ${describeDuration(waveWindowMs)}`,
  });
};
