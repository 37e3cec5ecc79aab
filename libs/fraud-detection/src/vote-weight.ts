import { accountAgeAtVote } from './account-age';
import { DEFAULT_FRAUD_DETECTION_CONFIG, type FraudDetectionConfig } from './fraud-detection.config';
import type { ObservedVote } from './observed-vote';

/**
 * The trust weight of a vote when it is cast, in (0, 1]. Only the account's age is known then,
 * before any correlation with other votes, and bought or throw-away accounts are young; a
 * genuine new user still counts for something, and the detectors catch up asynchronously.
 * Unknown ages weigh `voteWeight.unknownAgeWeight`: unproven, but no sign of a new account.
 */
export function voteWeight(vote: ObservedVote, config: FraudDetectionConfig = DEFAULT_FRAUD_DETECTION_CONFIG): number {
  const age = accountAgeAtVote(vote);
  if (age === undefined) return config.voteWeight.unknownAgeWeight;
  return config.voteWeight.bands.find((band) => age < band.maxAccountAgeMs)?.weight ?? 1;
}
