import { BUILT_WEB_BOARD } from '../src/web-board';
import { DESKTOP, PHONE } from './support/board-browser';
import { boardInChromium } from './support/board-in-chromium';
import { countedVotes, moveTo, statusBadge, submitRequest, vote } from './support/board-steps';

describe('the web board in Chromium, on the platform as npm start runs it', () => {
  const chromium = boardInChromium();
  const visit = (viewport?: { width: number; height: number }) => chromium.visit(viewport);

  it('is served by the gateway at / from the board npm start builds', () => {
    expect(chromium.platform().platform.webRoot).toBe(BUILT_WEB_BOARD);
  });

  it.each([
    ['desktop', DESKTOP, ''],
    ['phone', PHONE, '-phone'],
  ])('on a %s: a supplier submits, a couple votes, product plans it, and the couple’s page follows', async (device, viewport, suffix) => {
    const [supplier, couple, product] = [await chromium.platform().person('supplier'), await chromium.platform().person('couple'), await chromium.platform().person('product')];
    const title = `Seating plan export for 120 guests (${device})`;

    const supplierPage = await visit(viewport);
    await supplierPage.signInAt('/', supplier);
    expect(await supplierPage.page.getByRole('banner').textContent()).toContain(`Signed in as ${supplier.subject} · supplier`);
    const id = await submitRequest(
      supplierPage,
      { title, description: 'Export the seating plan as a PDF with table numbers.\nVenues print it.', category: 'guest-management', tags: 'Seating plan, PDF' },
      `submit-form${suffix}`,
    );
    expect(await supplierPage.page.getByRole('list', { name: 'Tags' }).getByRole('listitem').allTextContents()).toEqual(['seating-plan', 'pdf']);

    const couplePage = await visit(viewport);
    await couplePage.signInAt(`/requests/${id}`, couple);
    await couplePage.heading(title);
    await vote(couplePage);
    await couplePage.waitForText(countedVotes(couplePage), '1');

    const productPage = await visit(viewport);
    await productPage.signInAt(`/requests/${id}`, product);
    await productPage.heading(title);
    // The product team sees the tally but has no vote button.
    await productPage.waitForText(countedVotes(productPage), '1');
    expect(await productPage.page.getByRole('button', { name: 'Vote for this request' }).count()).toBe(0);
    await moveTo(productPage, 'Under review');
    await moveTo(productPage, 'Planned', 'In the spring release, with table numbers.');
    await productPage.waitForText(statusBadge(productPage), 'Planned');

    // The couple's page, left open, follows by itself: the new status, its history and the tally.
    await couplePage.waitForText(statusBadge(couplePage), 'Planned');
    const history = couplePage.page.getByRole('region', { name: 'Status history' });
    await history.getByText('In the spring release, with table numbers.').waitFor();
    expect(await history.locator('.badge').allTextContents()).toEqual(['Submitted', 'Under review', 'Planned']);
    await couplePage.waitForText(countedVotes(couplePage), '1');
    await couplePage.page.getByRole('button', { name: 'Remove my vote' }).waitFor();
    await couplePage.screenshot(`request-page${suffix}`);

    // On the board, the request is found by search, with its status and its vote.
    await couplePage.page.getByRole('link', { name: 'All requests' }).click();
    await couplePage.heading('Feature requests');
    await couplePage.page.getByRole('link', { name: 'Top', exact: true }).click();
    await couplePage.page.getByLabel('Search titles and descriptions').fill(device);
    await couplePage.page.getByRole('button', { name: 'Search', exact: true }).click();
    const card = couplePage.page.getByRole('listitem').filter({ has: couplePage.page.getByRole('link', { name: title }) });
    await card.waitFor();
    expect(await card.textContent()).toContain('Planned');
    // The list reads the board's read model, which counts the vote a moment after the tally.
    for (let tries = 0; !(await card.textContent())?.includes('1 vote'); tries++) {
      if (tries > 20) throw new Error(`the board never showed the vote: ${await card.textContent()}`);
      await couplePage.page.waitForTimeout(500);
      await couplePage.page.reload();
      await card.waitFor();
    }
    expect(new URL(couplePage.page.url()).search).toBe(`?sort=top&q=${device}`);
    await couplePage.screenshot(`board-list${suffix}`);

    if (viewport === PHONE) {
      // Nothing is wider than the phone's screen: no sideways scrolling.
      expect(await couplePage.contentWidth()).toBeLessThanOrEqual(PHONE.width);
    }
  });

  it('shows titles, descriptions and comments as text, and never runs them', async () => {
    const [supplier, couple] = [await chromium.platform().person('supplier'), await chromium.platform().person('couple')];
    const title = `<script>window.__frmInjected = 'title'; alert('title')</script> Guest list`;
    const description = `<img src=x onerror="window.__frmInjected = 'description'; alert('description')"> RSVP import`;
    const comment = `<img src=x onerror="window.__frmInjected = 'comment'; alert('comment')"> me too <b>bold</b>`;

    const supplierPage = await visit();
    await supplierPage.signInAt('/', supplier);
    const id = await submitRequest(supplierPage, { title, description, category: 'guest-management' });

    const couplePage = await visit();
    await couplePage.signInAt(`/requests/${id}`, couple);
    await couplePage.heading(title);
    await couplePage.page.getByLabel('Add a comment').fill(comment);
    await couplePage.page.getByRole('button', { name: 'Add comment' }).click();
    await couplePage.page.getByText('Your comment is added.').waitFor();

    for (const visitor of [couplePage, supplierPage]) {
      if (visitor === supplierPage) await visitor.page.reload();
      await visitor.page.getByText(comment, { exact: true }).waitFor();
      await visitor.page.getByText(description, { exact: true }).waitFor();
      expect(await visitor.page.getByRole('heading', { level: 1 }).textContent()).toBe(title);
      expect(await visitor.injectedMarker()).toBeUndefined();
      expect(await visitor.page.locator('main img, main script, main b').count()).toBe(0);
    }
    await supplierPage.goto('/');
    await supplierPage.page.getByRole('link', { name: title }).waitFor();
    expect(await supplierPage.injectedMarker()).toBeUndefined();
  });

  it('lets a person sign in and vote with the keyboard alone', async () => {
    const [supplier, couple] = [await chromium.platform().person('supplier'), await chromium.platform().person('couple')];
    const supplierPage = await visit();
    await supplierPage.signInAt('/', supplier);
    const id = await submitRequest(supplierPage, { title: 'Keyboard-friendly RSVP form', description: '', category: 'wedding-website' });

    const couplePage = await visit();
    const keyboard = couplePage.page.keyboard;
    await couplePage.goto(`/requests/${id}`);
    await couplePage.heading('Sign in');
    const tabTo = async (target: string) => {
      for (let presses = 0; presses < 15; presses++) {
        if ((await couplePage.focusedElement()) === target) return;
        await keyboard.press('Tab');
      }
      throw new Error(`Tab never reached "${target}"; focus is on "${await couplePage.focusedElement()}"`);
    };

    await tabTo('TEXTAREA:token');
    await keyboard.insertText(couple.token);
    await tabTo('BUTTON:Sign in');
    await keyboard.press('Enter');
    await couplePage.heading('Keyboard-friendly RSVP form');
    // The button takes the focus once the tally is there to vote on.
    await couplePage.waitForText(countedVotes(couplePage), '0');
    await tabTo('BUTTON:Vote for this request');
    // The focused button shows where the keyboard is.
    expect(await couplePage.focusOutlineStyle()).not.toBe('none');
    await keyboard.press('Enter');
    await couplePage.page.getByRole('button', { name: 'Remove my vote' }).waitFor();
    await couplePage.waitForText(countedVotes(couplePage), '1');
  });

  it('shows the gateway’s refusals in words: a forged token, and PERMISSION_DENIED', async () => {
    const visitor = await visit();
    await visitor.goto('/');
    await visitor.page.getByLabel('Access token').fill(await chromium.platform().forgedToken());
    await visitor.page.getByRole('button', { name: 'Sign in' }).click();
    const refusal = visitor.page.getByRole('alert');
    await refusal.getByText('Please sign in again (UNAUTHENTICATED)').waitFor();
    await refusal.getByRole('button', { name: 'Sign in again' }).click();
    await visitor.heading('Sign in');

    const couple = await chromium.platform().person('couple');
    await visitor.signInAt('/review', couple);
    const denied = visitor.page.getByRole('alert');
    await denied.getByText('You are not allowed to do this (PERMISSION_DENIED)').waitFor();
    expect(await denied.textContent()).toContain('ListFlaggedVotes needs one of the roles product, admin; the access token has couple');
    // Retrying would be refused again: the board offers no retry.
    expect(await denied.getByRole('button').count()).toBe(0);
  });

  it('lets the product team review votes held back as fraud', async () => {
    const [supplier, product] = [await chromium.platform().person('supplier'), await chromium.platform().person('product')];
    const supplierPage = await visit();
    await supplierPage.signInAt('/', supplier);
    const id = await submitRequest(supplierPage, { title: 'Deposit reminders for couples', description: '', category: 'payments' });

    // Three accounts voting from one browser: the shared-device detector holds their votes back.
    const device = await visit();
    for (let account = 0; account < 3; account++) {
      await device.signInAt(`/requests/${id}`, await chromium.platform().person('couple'));
      await device.heading('Deposit reminders for couples');
      await vote(device);
      await device.signOut();
    }

    const reviewer = await visit();
    await reviewer.signInAt('/review', product);
    await reviewer.heading('Review flagged votes');
    const flagged = reviewer.page.getByRole('listitem').filter({ hasText: 'Deposit reminders for couples' });
    for (let tries = 0; (await flagged.count()) === 0; tries++) {
      if (tries > 60) throw new Error('no flagged vote appeared on the review page');
      await reviewer.page.waitForTimeout(1_000);
      await reviewer.page.reload();
    }
    await flagged.first().getByText('Shared device').waitFor();
    await reviewer.screenshot('review-page');

    const first = flagged.first();
    await first.getByRole('button', { name: 'Clear: the vote counts' }).click();
    await first.getByText('Give the reason for your decision').waitFor();
    await first.getByLabel('Reason for your decision').fill('Same household, three real guests.');
    await first.getByRole('button', { name: 'Clear: the vote counts' }).click();
    await first.getByText('Cleared: the vote counts').waitFor();
    await first.getByText('Same household, three real guests.').waitFor();
  });

  it('lets the product team merge a duplicate and undo the merge, the votes following both ways', async () => {
    const [supplier, couple, product] = [await chromium.platform().person('supplier'), await chromium.platform().person('couple'), await chromium.platform().person('product')];
    const supplierPage = await visit();
    await supplierPage.signInAt('/', supplier);
    const target = await submitRequest(supplierPage, { title: 'Table plan as PDF', description: '', category: 'guest-management' });
    const source = await submitRequest(supplierPage, { title: 'Print the seating chart', description: '', category: 'guest-management' });
    const couplePage = await visit();
    await couplePage.signInAt(`/requests/${source}`, couple);
    await couplePage.heading('Print the seating chart');
    await vote(couplePage);
    await couplePage.waitForText(countedVotes(couplePage), '1');

    const productPage = await visit();
    await productPage.signInAt(`/requests/${source}`, product);
    await productPage.heading('Print the seating chart');
    await productPage.page.getByLabel('The other request (its id or the link of its page)').fill(`http://board.example/requests/${target}`);
    await productPage.page.getByRole('button', { name: 'Find the request' }).click();
    await productPage.page.getByText('Merge into “Table plan as PDF” (submitted)?').waitFor();
    await productPage.page.getByRole('button', { name: 'Merge into this request' }).click();
    await productPage.waitForText(statusBadge(productPage), 'Merged');
    await couplePage.goto(`/requests/${target}`);
    await couplePage.heading('Table plan as PDF');
    await couplePage.waitForText(countedVotes(couplePage), '1');

    await productPage.page.getByRole('button', { name: 'Undo the merge…' }).click();
    await productPage.page.getByLabel('Reason', { exact: true }).fill('A table plan is not a seating chart.');
    await productPage.page.getByRole('button', { name: 'Undo the merge', exact: true }).click();
    await productPage.waitForText(statusBadge(productPage), 'Submitted');
    const history = productPage.page.getByRole('region', { name: 'Status history' });
    await history.getByText('The merge into another request was undone.').waitFor();
    expect(await history.locator('.badge').allTextContents()).toEqual(['Submitted', 'Merged', 'Submitted']);
    // The merge form starts afresh, its earlier target forgotten.
    expect(await productPage.page.getByLabel('The other request (its id or the link of its page)').inputValue()).toBe('');
    expect(await productPage.page.getByRole('button', { name: 'Merge into this request' }).count()).toBe(0);
    await productPage.screenshot('request-page-unmerged');

    // The couple's vote is back where they cast it, and the target holds none.
    await couplePage.waitForText(countedVotes(couplePage), '0');
    await couplePage.goto(`/requests/${source}`);
    await couplePage.heading('Print the seating chart');
    await couplePage.waitForText(countedVotes(couplePage), '1');
    await couplePage.page.getByRole('button', { name: 'Remove my vote' }).waitFor();
  });

  // Last: its thirty votes for one author's requests are what serial-voting detection flags.
  it('tells a voter over the vote rate limit when to try again (RESOURCE_EXHAUSTED with retry-after)', async () => {
    const [supplier, couple] = [await chromium.platform().person('supplier'), await chromium.platform().person('couple')];
    const author = chromium.platform().apiClientOf(supplier);
    const ids: string[] = [];
    for (let request = 0; request < 31; request++) {
      const submitted = await author.call('submitFeatureRequest', { title: `Supplier wish ${request}`, category: 'supplier-dashboard' });
      ids.push(submitted['id'] as string);
    }
    // 30 votes a minute is as fast as a person votes (voting's limit); the 31st is refused.
    const voter = chromium.platform().apiClientOf(couple);
    for (const featureRequestId of ids.slice(0, 30)) await voter.callVoting('castVote', { featureRequestId });

    const couplePage = await visit();
    await couplePage.signInAt(`/requests/${ids[30]}`, couple);
    await couplePage.heading('Supplier wish 30');
    await couplePage.waitForText(countedVotes(couplePage), '0');
    await couplePage.page.getByRole('button', { name: 'Vote for this request' }).click();
    const refusal = couplePage.page.getByRole('alert');
    await refusal.getByText('Too many requests (RESOURCE_EXHAUSTED)').waitFor();
    expect(await refusal.textContent()).toMatch(/You can try again in \d+ seconds?\./);
    await couplePage.page.getByRole('button', { name: 'Vote for this request' }).waitFor();
  });
});
