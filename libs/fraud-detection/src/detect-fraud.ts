import type { Detector } from './detectors/detector';
import { detectBurst } from './detectors/burst.detector';
import { detectNewAccounts } from './detectors/new-account.detector';
import { detectSerialVoting } from './detectors/serial-voting.detector';
import { detectSharedDevice } from './detectors/shared-device.detector';
import { detectSharedNetwork } from './detectors/shared-network.detector';
import { detectVoteRing } from './detectors/vote-ring.detector';
import type { DetectorWindow } from './detector-window';
import { DEFAULT_FRAUD_DETECTION_CONFIG, type FraudDetectionConfig } from './fraud-detection.config';
import type { Finding, ObservedVote } from './observed-vote';

/** Every detector, in the order their findings are returned. */
export const DETECTORS: readonly Detector[] = Object.freeze([
  detectSharedDevice,
  detectSharedNetwork,
  detectVoteRing,
  detectBurst,
  detectNewAccounts,
  detectSerialVoting,
]);

/**
 * Runs every detector for a vote just added to the window and returns the findings not reported
 * before, recording them in the window: a vote is reported at most once per kind, however many
 * later votes confirm the evidence.
 */
export function detectFraud(
  window: DetectorWindow,
  vote: ObservedVote,
  config: FraudDetectionConfig = DEFAULT_FRAUD_DETECTION_CONFIG,
): Finding[] {
  const fresh: Finding[] = [];
  for (const detect of DETECTORS) {
    for (const finding of detect(window, vote, config)) {
      if (window.wasReported(finding.voteId, finding.kind)) continue;
      window.markReported(finding.voteId, finding.kind);
      fresh.push(finding);
    }
  }
  return fresh;
}
