import { PHONE } from './support/board-browser';
import { boardInChromium } from './support/board-in-chromium';
import { vote } from './support/board-steps';

const [UNDER_REVIEW, PLANNED, IN_PROGRESS, SHIPPED] = [2, 3, 4, 5];

describe('the inbox and notification settings of the web board in Chromium, on the platform as npm start runs it', () => {
  const chromium = boardInChromium();
  const visit = (viewport?: { width: number; height: number }) => chromium.visit(viewport);

  /** A request the product team has taken up to in progress, before anyone else follows it. */
  const requestInProgress = async (title: string): Promise<string> => {
    const author = chromium.platform().apiClientOf(await chromium.platform().person('supplier'));
    const submitted = await author.call('submitFeatureRequest', { title, description: 'Asked for by many couples.', category: 'guest-management' });
    const featureRequestId = submitted['id'] as string;
    const staff = chromium.platform().apiClientOf(await chromium.platform().person('product'));
    for (const status of [UNDER_REVIEW, PLANNED, IN_PROGRESS]) await staff.call('changeStatus', { featureRequestId, status });
    return featureRequestId;
  };

  it('tells a couple live that a request they voted for shipped, with the release note, and marks it read', async () => {
    const [couple, product] = [await chromium.platform().person('couple'), await chromium.platform().person('product')];
    const staff = chromium.platform().apiClientOf(product);
    const title = 'Printable place cards';
    const secondTitle = 'Table plan on the wedding website';
    const id = await requestInProgress(title);
    const secondId = await requestInProgress(secondTitle);
    // Voted for through the API: a vote of the same person, from elsewhere.
    await chromium.platform().apiClientOf(couple).callVoting('castVote', { featureRequestId: secondId });

    const couplePage = await visit();
    const page = couplePage.page;
    await couplePage.signInAt(`/requests/${id}`, couple);
    await couplePage.heading(title);
    await page.getByRole('button', { name: 'Follow', exact: true }).waitFor();
    await vote(couplePage);
    // Voters follow without asking; the choice is theirs either way.
    await page.getByText('You follow it because you voted for it').waitFor();
    await page.getByRole('button', { name: 'Unfollow' }).click();
    await page.getByText('You no longer follow this request.').waitFor();
    await page.getByRole('button', { name: 'Follow', exact: true }).click();
    await page.getByText('You follow this request now.').waitFor();
    await page.getByRole('button', { name: 'Unfollow' }).waitFor();

    await page.getByRole('link', { name: 'All requests' }).click();
    await couplePage.heading('Feature requests');
    const unread = page.getByTestId('unread-count');
    await couplePage.waitForText(unread, '0');
    await page.evaluate('window.__frmSamePage = true');

    const releaseNote = 'In the June release: print them from the Guests page.';
    await staff.call('changeStatus', { featureRequestId: id, status: SHIPPED, reason: releaseNote });
    await couplePage.waitForText(unread, '1');
    await page.getByRole('link', { name: /^Inbox\W+1 unread$/ }).waitFor();
    // Told without a reload, and announced to screen readers.
    expect(await page.evaluate('window.__frmSamePage')).toBe(true);
    await page.getByRole('status').filter({ hasText: `New notification. Shipped: ${title}` }).waitFor();

    await page.getByRole('link', { name: /^Inbox/ }).click();
    await couplePage.heading('Inbox');
    const notifications = page.getByRole('list', { name: 'Notifications' }).getByRole('listitem');
    const shipped = notifications.filter({ hasText: title });
    await shipped.waitFor();
    expect(await notifications.count()).toBe(1);
    const shippedText = (await shipped.textContent()) ?? '';
    for (const words of ['Unread', 'Shipped', 'Moved from In progress to Shipped', `Release note: ${releaseNote}`]) expect(shippedText).toContain(words);
    // When, in words, with the instant for machines.
    expect(await shipped.locator('time').textContent()).toMatch(/^(now|\d+ minutes? ago)$/);
    expect(Date.now() - Date.parse((await shipped.locator('time').getAttribute('datetime')) ?? '')).toBeLessThan(120_000);
    expect(await shipped.getByRole('link', { name: title }).getAttribute('href')).toBe(`/requests/${id}`);
    await couplePage.screenshot('inbox-page');

    await page.getByRole('button', { name: 'Mark all read' }).click();
    await page.getByText('All notifications are marked read.').waitFor();
    await couplePage.waitForText(unread, '0');
    expect(await shipped.getByText('Unread').count()).toBe(0);
    expect(await shipped.getByRole('button', { name: /^Mark read/ }).count()).toBe(0);

    // A notification that lands while the inbox is open goes on top, unread.
    await staff.call('changeStatus', { featureRequestId: secondId, status: SHIPPED, reason: 'Live on every wedding website.' });
    await couplePage.waitForText(unread, '1');
    await couplePage.waitForText(notifications.first().getByRole('heading'), secondTitle);
    expect(await notifications.count()).toBe(2);
    const arrived = notifications.first();
    expect(await arrived.textContent()).toContain('Release note: Live on every wedding website.');
    await arrived.getByRole('button', { name: `Mark read: ${secondTitle}` }).click();
    await couplePage.waitForText(unread, '0');
    expect(await arrived.getByText('Unread').count()).toBe(0);

    // The marks are the platform's: a reload shows them too.
    await page.reload();
    await couplePage.heading('Inbox');
    await couplePage.waitForText(unread, '0');
    await notifications.nth(1).waitFor();
    expect(await page.getByRole('list', { name: 'Notifications' }).getByText('Unread', { exact: true }).count()).toBe(0);
  });

  it('saves a couple’s e-mail address and reports a bad one next to the field', async () => {
    const couple = await chromium.platform().person('couple');
    const couplePage = await visit();
    const page = couplePage.page;
    await couplePage.signInAt('/inbox', couple);
    await couplePage.heading('Inbox');
    await page.getByText('Nothing yet.').waitFor();
    await page.getByRole('link', { name: 'Notification settings' }).click();
    await couplePage.heading('Notification settings');

    const email = page.getByLabel('E-mail address');
    await email.waitFor();
    // Couples have a wedding day to keep quiet; the defaults hold e-mail from 21:00 to 08:00.
    await page.getByLabel('Your wedding date').waitFor();
    expect(await page.getByLabel('Hold e-mail during quiet hours').isChecked()).toBe(true);
    expect([await page.getByLabel('From').inputValue(), await page.getByLabel('Until').inputValue()]).toEqual(['21:00', '08:00']);
    expect(await page.getByRole('group', { name: 'Shipped requests' }).getByLabel('By e-mail').isChecked()).toBe(true);

    await email.fill('ana@example');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('alert').getByText('Please check what you entered (INVALID_ARGUMENT)').waitFor();
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    const described = (await email.getAttribute('aria-describedby')) ?? '';
    const errorId = described.split(' ').find((id) => id.endsWith('-error')) ?? '';
    const fieldError = page.locator(`[id="${errorId}"]`);
    expect(await fieldError.textContent()).toContain('Must be one e-mail address such as ana@example.com');
    // The message sits right after the field and its hint, and the field has the focus.
    expect(await page.evaluate(`document.getElementById(${JSON.stringify(errorId)}).previousElementSibling.previousElementSibling === document.activeElement`)).toBe(true);
    await couplePage.screenshot('notification-settings-refused');

    await email.fill('ana@example.com');
    await page.getByRole('group', { name: 'Comments on your requests' }).getByLabel('By e-mail').check();
    await page.getByLabel('Digest').selectOption({ label: 'Weekly: one e-mail a week' });
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Your notification settings are saved.').waitFor();
    expect(await email.getAttribute('aria-invalid')).toBe('false');
    expect(await page.getByRole('alert').count()).toBe(0);

    await page.reload();
    await couplePage.heading('Notification settings');
    await couplePage.waitForText(page.getByLabel('Digest').locator('option:checked'), 'Weekly: one e-mail a week');
    expect(await page.getByLabel('E-mail address').inputValue()).toBe('ana@example.com');
    expect(await page.getByRole('group', { name: 'Comments on your requests' }).getByLabel('By e-mail').isChecked()).toBe(true);
  });

  it('fits the inbox and the settings on a phone, and offers suppliers no wedding date', async () => {
    const supplier = await chromium.platform().person('supplier');
    const phone = await visit(PHONE);
    await phone.signInAt('/settings/notifications', supplier);
    await phone.heading('Notification settings');
    await phone.page.getByLabel('E-mail address').waitFor();
    expect(await phone.page.getByLabel('Your wedding date').count()).toBe(0);
    expect(await phone.contentWidth()).toBeLessThanOrEqual(PHONE.width);
    await phone.screenshot('notification-settings-phone');
    await phone.goto('/inbox');
    await phone.heading('Inbox');
    await phone.waitForText(phone.page.getByTestId('unread-count'), '0');
    expect(await phone.contentWidth()).toBeLessThanOrEqual(PHONE.width);
  });
});
