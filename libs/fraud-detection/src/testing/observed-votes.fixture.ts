import type { Detector } from '../detectors/detector';
import { DetectorWindow } from '../detector-window';
import { DEFAULT_FRAUD_DETECTION_CONFIG, type FraudDetectionConfig } from '../fraud-detection.config';
import type { Finding, ObservedVote } from '../observed-vote';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** A Saturday morning in wedding season. */
export const T0 = Date.UTC(2025, 5, 7, 8);

let made = 0;

/** A vote by an established account with its own device and network, unless told otherwise. */
export function aVote(overrides: Partial<ObservedVote> = {}): ObservedVote {
  made++;
  const voterId = overrides.voterId ?? `voter-${made}`;
  return {
    voteId: `vote-${made}`,
    featureRequestId: 'request-1',
    voterId,
    castAt: T0,
    accountCreatedAt: T0 - 400 * DAY,
    ipHash: `ip-of-${voterId}`,
    networkHash: `network-of-${voterId}`,
    deviceHash: `device-of-${voterId}`,
    requestAuthorId: 'author-1',
    ...overrides,
  };
}

/**
 * Adds the votes one by one, running the detector after each as the service runs `detectFraud`,
 * and records what it reports; returns every finding and the window.
 */
export function replay(
  detector: Detector,
  votes: readonly ObservedVote[],
  config: FraudDetectionConfig = DEFAULT_FRAUD_DETECTION_CONFIG,
  window = new DetectorWindow(config),
): { findings: Finding[]; window: DetectorWindow } {
  const findings: Finding[] = [];
  for (const vote of votes) {
    if (!window.add(vote)) continue;
    for (const finding of detector(window, vote, config)) {
      window.markReported(finding.voteId, finding.kind);
      findings.push(finding);
    }
  }
  return { findings, window };
}

export const flaggedIds = (findings: readonly Finding[]): string[] => findings.map((finding) => finding.voteId).sort();
export const idsOf = (votes: readonly ObservedVote[]): string[] => votes.map((vote) => vote.voteId).sort();

/**
 * Established voters voting the board's favourites, so that the window knows what popular means:
 * `voters` accounts, each voting `popular-1`..`popular-3`, spread over the hour before T0.
 */
export function background(voters: number, prefix = 'organic'): ObservedVote[] {
  return Array.from({ length: voters }, (_, i) =>
    ['popular-1', 'popular-2', 'popular-3'].map((featureRequestId, j) =>
      aVote({ voterId: `${prefix}-${i}`, featureRequestId, castAt: T0 - HOUR + i * 1_000 + j * 100 }),
    ),
  ).flat();
}
