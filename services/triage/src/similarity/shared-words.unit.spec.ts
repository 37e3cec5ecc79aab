import { sharedWords, stem, wordsWithStems } from './shared-words';

describe('sharedWords', () => {
  it('finds the significant words two texts share, plurals included, in the query’s spelling and order', () => {
    expect(sharedWords('Let guests upload photos to the wedding gallery', 'A gallery where a guest can share a photo')).toEqual(['guests', 'photos', 'gallery']);
    expect(sharedWords('Seating plans for galleries', 'One gallery, one seating plan')).toEqual(['seating', 'plans', 'galleries']);
  });

  it('ignores case, stop words and words under three letters, and stops at the limit', () => {
    expect(sharedWords('The PDF of it', 'pdf: the of it')).toEqual(['pdf']);
    expect(sharedWords('alpha beta gamma delta epsilon zeta', 'zeta epsilon delta gamma beta alpha', 2)).toEqual(['alpha', 'beta']);
    expect(sharedWords('', 'anything')).toEqual([]);
  });
});

describe('stem', () => {
  it('gives one stem to the forms of a word, as Postgres’s english configuration does', () => {
    expect(['photos', 'photo'].map(stem)).toEqual(['photo', 'photo']);
    expect(['copying', 'copies', 'copy'].map(stem)).toEqual(['copi', 'copi', 'copi']);
    expect(['sharing', 'shared', 'shares'].map(stem)).toEqual(['share', 'share', 'share']);
    expect(stem('galleries')).toBe(stem('gallery'));
  });
});

describe('wordsWithStems', () => {
  it('finds the query’s words among stems already known, in the query’s spelling', () => {
    expect(wordsWithStems('Copying whole boards', new Set(['board', 'copi']))).toEqual(['Copying', 'boards'].map((word) => word.toLowerCase()));
  });
});
