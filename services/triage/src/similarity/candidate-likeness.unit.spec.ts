import { cosine } from '@frm/text-embeddings';
import { candidateLikeness } from './candidate-likeness';
import { DEFAULT_HYBRID_WEIGHTS, fusedScore } from './hybrid-rank';
import { DEFAULT_LEXICAL_WEIGHTS, featureScore, textFeatures, type TextFeatures } from './lexical-score';

const texts = [
  { title: '[Feature]: Copy a board with its cards', description: 'Duplicate the whole board, cards and labels included.' },
  { title: 'Board templates', description: 'Start a new board from a template of lists.' },
  { title: 'Export invoices as PDF', description: '' },
];
const [copyBoard, boardTemplates, invoices] = texts.map(textFeatures) as [TextFeatures, TextFeatures, TextFeatures];
const features = [copyBoard, boardTemplates, invoices];
const [copyVector, templatesVector] = [Float32Array.of(0.1, 0.9, 0.3), Float32Array.of(0.2, 0.7, -0.1)];
const vectors = [copyVector, templatesVector, undefined];
const weights = { hybrid: DEFAULT_HYBRID_WEIGHTS, lexical: DEFAULT_LEXICAL_WEIGHTS };

describe('candidateLikeness', () => {
  it('is, by wording alone, featureScore of the two texts to the last bit', () => {
    const likeness = candidateLikeness({ features }, weights);
    expect(likeness(0, 1)).toBe(featureScore(copyBoard, boardTemplates));
    expect(likeness(1, 2)).toBe(featureScore(boardTemplates, invoices));
    expect(likeness(0, 1)).toBeGreaterThan(likeness(0, 2));
  });

  it('fuses wording and cosine as the ranking does, a missing vector counting 0', () => {
    const likeness = candidateLikeness({ features, vectors }, weights);
    expect(likeness(0, 1)).toBe(fusedScore(featureScore(copyBoard, boardTemplates), cosine(copyVector, templatesVector), weights.hybrid));
    expect(likeness(0, 2)).toBe(fusedScore(featureScore(copyBoard, invoices), 0, weights.hybrid));
  });

  it('is symmetric', () => {
    const likeness = candidateLikeness({ features, vectors }, weights);
    for (const [a, b] of [[0, 1], [1, 2], [0, 2]] as const) {
      const there = likeness(a, b);
      expect(candidateLikeness({ features, vectors }, weights)(b, a)).toBe(there);
      expect(likeness(b, a)).toBe(there);
    }
  });
});
