import type { Browser } from 'playwright-core';
import { BoardVisitor, DESKTOP, launchChromium } from './board-browser';
import { buildBoard } from './board-build';
import { BoardPlatform } from './board-platform';

/** What a board test works with: the platform serving the built board, and visitors in Chromium. */
export interface BoardInChromium {
  /** The running platform (set once `beforeAll` has run). */
  readonly platform: () => BoardPlatform;
  /** Opens a page of the board in a fresh browser context of the given size. */
  visit(viewport?: { width: number; height: number }): Promise<BoardVisitor>;
}

/**
 * Registers the hooks every board test file needs: the board built and served by a platform as
 * `npm start` runs it, one Chromium for the file, and after each test a check that no page opened a
 * dialog or failed with a script error, whatever the test did.
 */
export function boardInChromium(): BoardInChromium {
  let board: BoardPlatform | undefined;
  let browser: Browser | undefined;
  const visitors: BoardVisitor[] = [];

  beforeAll(async () => {
    await buildBoard();
    board = await BoardPlatform.start();
    browser = await launchChromium();
  }, 300_000);

  afterEach(async () => {
    const left = visitors.splice(0);
    for (const visitor of left) {
      expect({ dialogs: visitor.dialogs, pageErrors: visitor.pageErrors }).toEqual({ dialogs: [], pageErrors: [] });
    }
    await Promise.all(left.map((visitor) => visitor.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await board?.close();
  });

  return {
    platform: () => {
      if (!board) throw new Error('the board platform is not started: use it inside a test, after beforeAll');
      return board;
    },
    async visit(viewport = DESKTOP) {
      if (!browser || !board) throw new Error('Chromium is not started: use it inside a test, after beforeAll');
      const visitor = await BoardVisitor.open(browser, board.url, viewport);
      visitors.push(visitor);
      return visitor;
    },
  };
}
