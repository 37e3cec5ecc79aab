import type { DetectorWindow } from '../detector-window';
import type { FraudDetectionConfig } from '../fraud-detection.config';
import type { Finding, ObservedVote } from '../observed-vote';

/**
 * One fraud signal: run after `window.add(vote)`, it returns the votes that the newest vote
 * reveals as suspicious, which may be earlier votes. It reads the window and changes nothing.
 */
export type Detector = (window: DetectorWindow, vote: ObservedVote, config: FraudDetectionConfig) => Finding[];

/**
 * The base score at the threshold, rising towards 1 as the evidence grows: twice the threshold
 * is halfway from the base to 1.
 */
export function scaledScore(base: number, threshold: number, observed: number): number {
  if (observed <= threshold || threshold <= 0) return base;
  return Math.min(1, base + (1 - base) * (1 - threshold / observed));
}

/**
 * One finding per vote of a group sharing one piece of evidence. Votes already reported for the
 * kind are skipped here too, so a group that keeps growing costs little on every new vote.
 */
export function findingsForGroup(
  window: DetectorWindow,
  config: FraudDetectionConfig,
  group: readonly ObservedVote[],
  finding: Omit<Finding, 'voteId' | 'relatedVoteIds'>,
): Finding[] {
  const fresh = group.filter((vote) => !window.wasReported(vote.voteId, finding.kind));
  if (fresh.length === 0) return [];
  const ids = [...new Set(group.map((vote) => vote.voteId))];
  const limit = config.findings.maxRelatedVoteIds;
  return fresh.map((vote) => ({
    ...finding,
    voteId: vote.voteId,
    // The most recent related votes: the ones a reviewer is likeliest to still be able to act on.
    relatedVoteIds: ids.filter((id) => id !== vote.voteId).slice(-limit),
  }));
}

const HOUR_MS = 3_600_000;

/** "24 h", "10 min", "7 days": durations as a reviewer reads them. */
export function describeDuration(ms: number): string {
  if (ms % (24 * HOUR_MS) === 0 && ms >= 2 * 24 * HOUR_MS) return `${ms / (24 * HOUR_MS)} days`;
  if (ms % HOUR_MS === 0) return `${ms / HOUR_MS} h`;
  return `${Math.round(ms / 60_000)} min`;
}
