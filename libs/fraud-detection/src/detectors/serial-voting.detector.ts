import { findingsForGroup, scaledScore, type Detector } from './detector';

/**
 * An account that exists to push one author: it voted many of that author's requests and little
 * else. Votes for one's own requests are left out; submitters upvoting themselves is normal.
 */
export const detectSerialVoting: Detector = (window, vote, config) => {
  const { minAuthorRequests, minShareOfVoterVotes, windowMs, score } = config.serialVoting;
  if (vote.voterId === vote.requestAuthorId) return [];
  const mine = window.votesByVoter(vote.voterId).since(vote.castAt - windowMs);
  const forAuthor = mine.filter((own) => own.requestAuthorId === vote.requestAuthorId);
  const requests = new Set(forAuthor.map((own) => own.featureRequestId)).size;
  if (requests < minAuthorRequests || forAuthor.length < minShareOfVoterVotes * mine.length) return [];
  return findingsForGroup(window, config, forAuthor, {
    kind: 'serial_voting',
    score: scaledScore(score, minAuthorRequests, requests),
    explanation: `one account gave ${forAuthor.length} of its ${mine.length} votes to ${requests} requests by one author`,
  });
};
