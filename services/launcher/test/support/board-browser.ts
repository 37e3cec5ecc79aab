import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { BoardPerson } from './board-platform';

/** Debian's chromium package; playwright-core drives it and downloads no browser of its own. */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
const SCREENSHOTS = join(__dirname, '../../../../test-results/screenshots');

export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 390, height: 844 } as const;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * One person at the board in a browser of their own (a fresh context: own storage, own device id),
 * recording what a page should never do: open a dialog, throw, or log an error.
 */
export class BoardVisitor {
  readonly dialogs: string[] = [];
  readonly pageErrors: string[] = [];

  private constructor(
    private readonly context: BrowserContext,
    readonly page: Page,
    private readonly boardUrl: string,
  ) {
    page.on('dialog', (dialog) => {
      this.dialogs.push(dialog.message());
      dialog.dismiss().catch(() => undefined);
    });
    page.on('pageerror', (error) => this.pageErrors.push(error.message));
  }

  static async open(browser: Browser, boardUrl: string, viewport: { width: number; height: number } = DESKTOP): Promise<BoardVisitor> {
    const context = await browser.newContext({ viewport, ...(viewport.width < 600 ? { isMobile: true, hasTouch: true } : {}) });
    return new BoardVisitor(context, await context.newPage(), boardUrl);
  }

  /** Opens `path` of the board and signs in there by pasting the token, as a person does. */
  async signInAt(path: string, person: BoardPerson): Promise<void> {
    await this.goto(path);
    await this.page.getByLabel('Access token').fill(person.token);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await this.page.getByText(person.subject).waitFor();
  }

  async goto(path: string): Promise<void> {
    await this.page.goto(new URL(path, this.boardUrl).href);
  }

  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sign out' }).click();
    await this.page.getByLabel('Access token').waitFor();
  }

  /** The page's one h1, once it shows `text`. */
  async heading(text: string): Promise<Locator> {
    const heading = this.page.getByRole('heading', { level: 1, name: text, exact: true });
    await heading.waitFor();
    return heading;
  }

  /** The request page's id, from its URL. */
  requestId(): string {
    const id = /\/requests\/([0-9a-f-]{36})$/.exec(new URL(this.page.url()).pathname)?.[1];
    if (id === undefined) throw new Error(`${this.page.url()} is not a request page`);
    return id;
  }

  /** Waits until `locator`'s text is `expected` (pages refresh themselves on their own time). */
  async waitForText(locator: Locator, expected: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let seen = '';
    while (Date.now() < deadline) {
      seen = ((await locator.first().textContent({ timeout: 1_000 }).catch(() => null)) ?? '').trim();
      if (seen === expected) return;
      await this.page.waitForTimeout(200);
    }
    throw new Error(`expected "${expected}" but the page shows "${seen}" at ${this.page.url()}`);
  }

  // Run in the page, written as text: the test's TypeScript has Node's types, not the browser's.

  /** The focused element as `TAG:name` (form fields) or `TAG:text` (buttons, links). */
  focusedElement(): Promise<string> {
    return this.page.evaluate(`(() => {
      const element = document.activeElement;
      return element.tagName + ':' + (element.getAttribute('name') ?? element.textContent.trim());
    })()`);
  }

  /** The outline the focused element is drawn with, so a keyboard user sees where they are. */
  focusOutlineStyle(): Promise<string> {
    return this.page.evaluate('getComputedStyle(document.activeElement).outlineStyle');
  }

  /** The page's full width: wider than the viewport means scrolling sideways. */
  contentWidth(): Promise<number> {
    return this.page.evaluate('document.documentElement.scrollWidth');
  }

  /** What an injected script would have set, if any had run. */
  injectedMarker(): Promise<unknown> {
    return this.page.evaluate('window.__frmInjected');
  }

  /** A full-page screenshot in test-results/screenshots/<name>.png. */
  async screenshot(name: string): Promise<string> {
    await mkdir(SCREENSHOTS, { recursive: true });
    const path = join(SCREENSHOTS, `${name}.png`);
    await this.page.screenshot({ path, fullPage: true });
    return path;
  }

  close(): Promise<void> {
    return this.context.close();
  }
}
