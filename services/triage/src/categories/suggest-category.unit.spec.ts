import { suggestCategory, suggestCategoryByKeywords, trainCategoryModel, type LabelledExample } from './suggest-category';

/** Made-up 4-dimension embeddings: one axis per theme, so the right answers are plain. */
const examples: LabelledExample[] = [
  { category: 'payments', tags: ['deposit'], vector: [1, 0.1, 0, 0] },
  { category: 'payments', tags: ['deposit', 'refund'], vector: [0.9, 0, 0.1, 0] },
  { category: 'guest-management', tags: ['rsvp'], vector: [0, 1, 0, 0.1] },
  { category: 'guest-management', tags: ['rsvp', 'seating-plan'], vector: [0.1, 0.9, 0, 0] },
  { category: 'supplier-profiles', tags: ['portfolio'], vector: [0, 0, 1, 0] },
];

describe('suggestCategory (nearest centroid)', () => {
  const model = trainCategoryModel(examples);

  it('picks the category whose examples point the same way, with the neighbours’ common tags', () => {
    const suggestion = suggestCategory([0.95, 0.05, 0.05, 0], model);
    expect(suggestion).toMatchObject({ category: 'payments', tags: ['deposit', 'refund'], method: 'nearest-centroid' });
    expect(suggestCategory([0.95, 0.05, 0.05, 0], model, { minTagSupport: 0.5 }).tags).toEqual(['deposit']);
    expect(suggestion.confidence).toBeGreaterThan(0.9);
    expect(suggestion.alternatives.map(({ category }) => category)).toEqual(['guest-management', 'supplier-profiles']);
  });

  it('is less confident between two categories, and its confidences sum to 1', () => {
    const suggestion = suggestCategory([0.7, 0.7, 0, 0], model);
    expect(suggestion.confidence).toBeLessThan(0.6);
    const total = suggestion.confidence + suggestion.alternatives.reduce((sum, { confidence }) => sum + confidence, 0);
    expect(total).toBeCloseTo(1, 12);
  });

  it('does not depend on the length of the vectors', () => {
    expect(suggestCategory([9.5, 0.5, 0.5, 0], model)).toEqual(suggestCategory([0.95, 0.05, 0.05, 0], model));
  });

  it('needs examples', () => {
    expect(() => suggestCategory([1, 0, 0, 0], trainCategoryModel([]))).toThrow(/no examples/);
  });
});

describe('suggestCategoryByKeywords (no embeddings)', () => {
  it('picks the category with most keywords in the text', () => {
    const suggestion = suggestCategoryByKeywords('Let couples pay the deposit by card and get a refund when a date is cancelled');
    expect(suggestion).toMatchObject({ category: 'payments', method: 'keywords', tags: [] });
    expect(suggestion.confidence).toBeGreaterThan(0.5);
  });

  it('says other, with no confidence, when no keyword matches', () => {
    expect(suggestCategoryByKeywords('Something entirely unusual')).toEqual({ category: 'other', confidence: 0, tags: [], alternatives: [], method: 'keywords' });
  });
});
