import { featureScore, lexicalScore, scoreOfOverlap, textFeatures } from './lexical-score';

const text = (title: string, description = '') => ({ title, description });

describe('lexicalScore', () => {
  it('is 1 for the same text and next to nothing for texts with no word in common', () => {
    expect(lexicalScore(text('Export invoices as PDF'), text('Export invoices as PDF'))).toBeCloseTo(1, 12);
    expect(lexicalScore(text('Export invoices as PDF'), text('Seating plan for guests'))).toBeLessThan(0.05);
  });

  it('rises with the words two requests share, plurals included', () => {
    const query = text('Let guests upload photos', 'to the wedding gallery');
    expect(lexicalScore(query, text('Guest photo uploads', 'a gallery for the wedding'))).toBeGreaterThan(lexicalScore(query, text('Guest list export', 'as a spreadsheet')));
  });

  it('ignores the boilerplate trackers put in titles', () => {
    expect(lexicalScore(text('[Feature]: Year view'), text('[Feature]: Export to PDF'))).toBe(0);
    expect(lexicalScore(text('Feature request: Year view'), text('Year view'))).toBeCloseTo(1, 12);
  });

  it('follows its weights and refuses weights that are all 0', () => {
    expect(lexicalScore(text('Photo album'), text('Photo gallery'), { titleTrigram: 0, titleWords: 1, textWords: 0 })).toBeCloseTo(1 / 3, 12);
    expect(() => lexicalScore(text('a'), text('b'), { titleTrigram: 0, titleWords: 0, textWords: 0 })).toThrow(/must not all be 0/);
  });
});

describe('featureScore', () => {
  it('scores two texts’ features as lexicalScore scores the texts', () => {
    const query = text('Let guests upload photos', 'to the wedding gallery');
    const candidate = text('[Feature]: Guest photo uploads', 'a gallery for the wedding');
    expect(featureScore(textFeatures(query), textFeatures(candidate))).toBe(lexicalScore(query, candidate));
  });

  it('keeps the stems of the title and of the whole text, without boilerplate', () => {
    const features = textFeatures(text('[Feature]: Copying boards', 'Copy the cards too'));
    expect([...features.titleWords]).toEqual(['copi', 'board']);
    expect([...features.words]).toEqual(['copi', 'board', 'card']);
  });
});

describe('scoreOfOverlap', () => {
  it('is featureScore from the counts alone', () => {
    const query = textFeatures(text('Copy boards', 'with the cards'));
    const candidate = textFeatures(text('Board copies', 'cards and lists'));
    const count = (a: ReadonlySet<string>, b: ReadonlySet<string>) => ({ a: a.size, b: b.size, shared: [...a].filter((item) => b.has(item)).length });
    const overlap = {
      titleTrigrams: count(query.titleTrigrams, candidate.titleTrigrams),
      titleWords: count(query.titleWords, candidate.titleWords),
      words: count(query.words, candidate.words),
    };
    expect(scoreOfOverlap(overlap)).toBe(featureScore(query, candidate));
    expect(scoreOfOverlap({ titleTrigrams: { a: 0, b: 3, shared: 0 }, titleWords: { a: 2, b: 2, shared: 2 }, words: { a: 4, b: 2, shared: 2 } })).toBeCloseTo(0.2 + 0.5 * (4 / 6), 12);
  });
});
