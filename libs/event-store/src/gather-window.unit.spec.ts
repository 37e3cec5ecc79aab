import { GATHER_MS, GatherWindow, MAX_GATHER_MS } from './gather-window';

describe('GatherWindow', () => {
  it('stays at its shortest while reads that find an event alternate with reads that find none', () => {
    const window = new GatherWindow();
    for (let i = 0; i < 100; i++) {
      window.found();
      window.foundNothing();
    }
    expect(window.current).toBe(GATHER_MS);
  });

  it('widens to its longest under a stream, and only that far', () => {
    const window = new GatherWindow();
    window.found();
    expect(window.current).toBeGreaterThan(GATHER_MS);
    for (let i = 0; i < 10; i++) window.found();
    expect(window.current).toBe(MAX_GATHER_MS);
  });

  it('widens when most reads find something, though some find nothing', () => {
    const window = new GatherWindow();
    for (let i = 0; i < 20; i++) {
      window.foundNothing();
      window.found();
      window.found();
    }
    expect(window.current).toBe(MAX_GATHER_MS);
  });

  it('narrows back to its shortest once the stream stops', () => {
    const window = new GatherWindow();
    for (let i = 0; i < 10; i++) window.found();
    for (let i = 0; i < 4; i++) window.foundNothing();
    expect(window.current).toBe(GATHER_MS);
  });
});
