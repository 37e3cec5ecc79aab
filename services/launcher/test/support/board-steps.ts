import type { BoardVisitor } from './board-browser';

export interface NewRequest {
  readonly title: string;
  readonly description: string;
  readonly category: string;
  readonly tags?: string;
}

/** Fills the submit form and sends it; resolves with the new request's id once its page shows. */
export async function submitRequest(visitor: BoardVisitor, request: NewRequest, screenshot?: string): Promise<string> {
  const page = visitor.page;
  await page.getByRole('link', { name: 'Submit a request' }).first().click();
  await visitor.heading('Submit a feature request');
  await page.getByLabel('Title').fill(request.title);
  await page.getByLabel('Description').fill(request.description);
  await page.getByLabel('Category').selectOption(request.category);
  if (request.tags !== undefined) await page.getByLabel('Tags').fill(request.tags);
  if (screenshot !== undefined) await visitor.screenshot(screenshot);
  await page.getByRole('button', { name: 'Submit request' }).click();
  await visitor.heading(request.title);
  return visitor.requestId();
}

/** Casts the vote on the open request page and waits until the board shows it as cast. */
export async function vote(visitor: BoardVisitor): Promise<void> {
  await visitor.page.getByRole('button', { name: 'Vote for this request' }).click();
  await visitor.page.getByRole('button', { name: 'Remove my vote' }).waitFor();
}

/** As the product team, on the open request page: moves it one step, to `status`, with `reason`. */
export async function moveTo(visitor: BoardVisitor, status: string, reason = ''): Promise<void> {
  const page = visitor.page;
  await page.getByLabel('New status').selectOption({ label: status });
  await page.getByLabel('Reason (shown to everyone who follows it)').fill(reason);
  await page.getByRole('button', { name: `Move to ${status}` }).click();
  await page.getByRole('status').filter({ hasText: `Moved to ${status}.` }).waitFor();
}

/** The open request page's status badge (the first badge on the page). */
export function statusBadge(visitor: BoardVisitor) {
  return visitor.page.locator('.meta .badge').first();
}

/** The open request page's count of votes. */
export function countedVotes(visitor: BoardVisitor) {
  return visitor.page.getByTestId('tally-counted');
}
