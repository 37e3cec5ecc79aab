import { DEFAULT_FRAUD_DETECTION_CONFIG } from '../fraud-detection.config';
import { evaluateDetectors, type DetectorEvaluation } from './evaluate';
import { formatEvaluations } from './evaluation-table';
import { generateTraffic } from './generate-traffic';
import { ATTACK_KINDS } from './simulated-traffic';

const SEEDS = [1, 2, 3];

describe('evaluateDetectors with the default configuration', () => {
  const evaluations: DetectorEvaluation[] = [];

  beforeAll(() => {
    for (const seed of SEEDS) evaluations.push(evaluateDetectors(generateTraffic({ seed }), DEFAULT_FRAUD_DETECTION_CONFIG));
    // Speed is printed, not asserted: it depends on the machine.
    console.log(`Fraud detection on seeded traffic (default configuration)\n${formatEvaluations(evaluations)}`);
  });

  it.each(SEEDS.map((seed, index) => [seed, index]))('finds ≥ 95%% of every attack with seed %i', (_seed, index) => {
    const evaluation = evaluations[index] as DetectorEvaluation;
    for (const kind of ATTACK_KINDS) {
      expect({ kind, votes: evaluation.attacks[kind].votes > 0, recall: evaluation.attacks[kind].rate >= 0.95 }).toEqual({
        kind,
        votes: true,
        recall: true,
      });
    }
  });

  it.each(SEEDS.map((seed, index) => [seed, index]))('flags ≤ 1%% of organic votes with seed %i', (_seed, index) => {
    const evaluation = evaluations[index] as DetectorEvaluation;
    expect(evaluation.organic.votes).toBeGreaterThan(10_000);
    expect(evaluation.organic.rate).toBeLessThanOrEqual(0.01);
  });
});
