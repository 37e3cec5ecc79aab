import { detectFraud } from '../detect-fraud';
import { DetectorWindow } from '../detector-window';
import { DEFAULT_FRAUD_DETECTION_CONFIG, type FraudDetectionConfig } from '../fraud-detection.config';
import type { FraudSignalKind } from '../observed-vote';
import { observeTraffic } from './observed-traffic';
import { ATTACK_KINDS, type AttackKind, type SimulatedTraffic } from './simulated-traffic';

export interface DetectionRate {
  votes: number;
  flagged: number;
  /** flagged / votes; without votes 1 for an attack (nothing missed) and 0 for organic (nothing wrongly flagged). */
  rate: number;
}

/** How the detectors did on one labelled traffic. */
export interface DetectorEvaluation {
  seed: number;
  /** Per attack, its votes flagged by any detector (recall). */
  attacks: Record<AttackKind, DetectionRate>;
  /** Organic votes flagged by any detector (the false-positive rate). */
  organic: DetectionRate;
  /** Organic votes flagged, by the kind that flagged them: where false positives come from. */
  organicFlagsByKind: Partial<Record<FraudSignalKind, number>>;
  /** Votes run through `DetectorWindow.add` + `detectFraud`, and how fast. */
  evaluations: number;
  evaluationsPerSecond: number;
}

/** Runs the traffic, in order, through a `DetectorWindow` and `detectFraud`, and scores the result against its labels. */
export function evaluateDetectors(
  traffic: SimulatedTraffic,
  config: FraudDetectionConfig = DEFAULT_FRAUD_DETECTION_CONFIG,
): DetectorEvaluation {
  const observed = observeTraffic(traffic);
  const window = new DetectorWindow(config);
  const flaggedBy = new Map<string, Set<FraudSignalKind>>();
  const started = performance.now();
  for (const vote of observed) {
    if (!window.add(vote)) continue;
    for (const finding of detectFraud(window, vote, config)) {
      flaggedBy.set(finding.voteId, (flaggedBy.get(finding.voteId) ?? new Set()).add(finding.kind));
    }
  }
  const elapsedMs = performance.now() - started;

  const tally = new Map<string, { votes: number; flagged: number }>();
  const organicFlagsByKind: Partial<Record<FraudSignalKind, number>> = {};
  traffic.votes.forEach((vote, index) => {
    const kinds = flaggedBy.get(`vote-${index}`);
    const counts = tally.get(vote.label) ?? { votes: 0, flagged: 0 };
    tally.set(vote.label, { votes: counts.votes + 1, flagged: counts.flagged + (kinds ? 1 : 0) });
    if (vote.label !== 'organic') return;
    for (const kind of kinds ?? []) organicFlagsByKind[kind] = (organicFlagsByKind[kind] ?? 0) + 1;
  });
  const rate = (label: string): DetectionRate => {
    const { votes, flagged } = tally.get(label) ?? { votes: 0, flagged: 0 };
    return { votes, flagged, rate: votes === 0 ? (label === 'organic' ? 0 : 1) : flagged / votes };
  };

  return {
    seed: traffic.seed,
    attacks: Object.fromEntries(ATTACK_KINDS.map((kind) => [kind, rate(kind)])) as Record<AttackKind, DetectionRate>,
    organic: rate('organic'),
    organicFlagsByKind,
    evaluations: observed.length,
    evaluationsPerSecond: observed.length / (elapsedMs / 1000),
  };
}
