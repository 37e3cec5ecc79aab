import { allWordsQuery, anyWordQuery, embeddingTextOf, twoWordQuery } from './text-query';

describe('twoWordQuery', () => {
  it('matches any two significant words of the title and then of the description, each word once', () => {
    expect(twoWordQuery({ title: 'Guests upload photos', description: 'Photos in the gallery!' })).toBe(
      '(guests & upload) | (guests & photos) | (guests & gallery) | (upload & photos) | (upload & gallery) | (photos & gallery)',
    );
  });

  it('is the one word of a one-word text, and empty for stop words only', () => {
    expect(twoWordQuery({ title: 'Dark UI', description: '' })).toBe('dark');
    expect(twoWordQuery({ title: 'it is a', description: '' })).toBe('');
  });

  it('keeps tsquery syntax out', () => {
    expect(twoWordQuery({ title: "café & menü | (naïve):* !x", description: '' })).toBe('(café & menü) | (café & naïve) | (menü & naïve)');
  });
});

describe('anyWordQuery', () => {
  it('matches any significant word of the title, then of the description, once each', () => {
    expect(anyWordQuery({ title: 'Let guests upload photos', description: 'Photos in the gallery!' })).toBe('guests | upload | photos | gallery');
  });
});

describe('allWordsQuery', () => {
  it('matches every significant word of the title and the description, once each', () => {
    expect(allWordsQuery({ title: 'Let guests upload photos', description: 'Photos in the gallery!' })).toBe('guests & upload & photos & gallery');
    expect(allWordsQuery({ title: 'it is a', description: '' })).toBe('');
  });
});

describe('embeddingTextOf', () => {
  it('is the title and the description on the next line, as the read model hashes them', () => {
    expect(embeddingTextOf({ title: 'Dark mode', description: '' })).toBe('Dark mode\n');
  });
});
