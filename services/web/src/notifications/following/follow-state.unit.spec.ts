import { followExplanation, followState } from './follow-state';

describe('followState', () => {
  it('follows for the author and the voters without asking', () => {
    expect(followState({ isAuthor: true, voted: false })).toEqual({ following: true, reason: 'author' });
    expect(followState({ isAuthor: false, voted: true })).toEqual({ following: true, reason: 'voter' });
    expect(followState({ isAuthor: false, voted: false })).toEqual({ following: false, reason: 'none' });
  });

  it('lets the person’s own choice win either way', () => {
    expect(followState({ chosen: false, isAuthor: true, voted: true })).toEqual({ following: false, reason: 'chosen' });
    expect(followState({ chosen: true, isAuthor: false, voted: false })).toEqual({ following: true, reason: 'chosen' });
  });

  it('says why the person follows, and what following brings', () => {
    expect(followExplanation(followState({ isAuthor: false, voted: true }))).toContain('because you voted');
    expect(followExplanation(followState({ isAuthor: true, voted: false }))).toContain('when someone comments');
    expect(followExplanation(followState({ chosen: false, isAuthor: true, voted: false }))).toMatch(/^Follow it/);
  });
});
