import { GATHER_MS, GatherWindow, MAX_GATHER_MS, PLENTY_PER_READ } from './gather-window';

describe('GatherWindow', () => {
  it('stays at its shortest while reads that find an event alternate with reads that find none', () => {
    const window = new GatherWindow();
    for (let i = 0; i < 100; i++) {
      window.found(1);
      window.foundNothing();
    }
    expect(window.current).toBe(GATHER_MS);
  });

  it('widens to its longest under a stream, and only that far', () => {
    const window = new GatherWindow();
    window.found(1);
    expect(window.current).toBeGreaterThan(GATHER_MS);
    for (let i = 0; i < 10; i++) window.found(1);
    expect(window.current).toBe(MAX_GATHER_MS);
  });

  it('widens when most reads find something, though some find nothing', () => {
    const window = new GatherWindow();
    for (let i = 0; i < 20; i++) {
      window.foundNothing();
      window.found(1);
      window.found(1);
    }
    expect(window.current).toBe(MAX_GATHER_MS);
  });

  it('narrows back to its shortest once the stream stops', () => {
    const window = new GatherWindow();
    for (let i = 0; i < 10; i++) window.found(1);
    for (let i = 0; i < 4; i++) window.foundNothing();
    expect(window.current).toBe(GATHER_MS);
  });

  it('narrows when reads carry plenty: a fast stream needs no wide window to fill a read', () => {
    const window = new GatherWindow();
    for (let i = 0; i < 10; i++) window.found(8);
    expect(window.current).toBe(MAX_GATHER_MS);
    window.found(PLENTY_PER_READ);
    expect(window.current).toBeLessThan(MAX_GATHER_MS);
    for (let i = 0; i < 4; i++) window.found(500);
    expect(window.current).toBe(GATHER_MS);
    window.found(PLENTY_PER_READ - 1);
    expect(window.current).toBeGreaterThan(GATHER_MS);
  });
});
