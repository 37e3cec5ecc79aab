/** What a follower is told when a request they follow changes status. */
export interface StatusChangeNotice {
  readonly title: string;
  readonly fromStatus: string;
  readonly toStatus: string;
  /** Where the request is on the board. */
  readonly requestUrl: string;
  /** The one-click unsubscribe link for mails about this request. */
  readonly unsubscribeUrl: string;
  /** What the product team wrote with the change; for a shipped request, its release note. */
  readonly note?: string;
}

export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const STATUS_WORDS: Readonly<Record<string, string>> = {
  submitted: 'submitted',
  under_review: 'under review',
  planned: 'planned',
  in_progress: 'in progress',
  shipped: 'shipped',
  declined: 'declined',
  merged: 'merged into another request',
};

/**
 * The mail of one status change, as text and HTML. What people wrote (the title) is escaped in the
 * HTML and kept on one line in the subject.
 */
export function statusChangeMail(notice: StatusChangeNotice): RenderedMail {
  const title = oneLine(notice.title);
  const to = wordsOf(notice.toStatus);
  const from = wordsOf(notice.fromStatus);
  const subject = notice.toStatus === 'shipped' ? `Shipped: ${title}` : `${title} is now ${to}`;
  const note = notice.note?.trim() ?? '';
  const noteLabel = notice.toStatus === 'shipped' ? 'Release note' : 'From the product team';
  const text = [
    `"${title}" moved from ${from} to ${to}.`,
    '',
    ...(note ? [`${noteLabel}: ${note}`, ''] : []),
    `See it on the board: ${notice.requestUrl}`,
    '',
    'You get this because you follow the request (you wrote it, voted for it, or chose to follow it).',
    `Stop mails about it: ${notice.unsubscribeUrl}`,
    '',
  ].join('\n');
  const html = [
    '<!doctype html>',
    '<html><body>',
    `<p>&ldquo;${escapeHtml(title)}&rdquo; moved from <strong>${escapeHtml(from)}</strong> to <strong>${escapeHtml(to)}</strong>.</p>`,
    ...(note ? [`<p><strong>${noteLabel}:</strong> ${escapeHtml(note)}</p>`] : []),
    `<p><a href="${escapeHtml(notice.requestUrl)}">See it on the board</a></p>`,
    '<p style="color:#666;font-size:small">You get this because you follow the request (you wrote it, voted for it, or chose to follow it). ',
    `<a href="${escapeHtml(notice.unsubscribeUrl)}">Stop mails about it</a>.</p>`,
    '</body></html>',
    '',
  ].join('\n');
  return { subject, text, html };
}

export function wordsOf(status: string): string {
  return STATUS_WORDS[status] ?? status.replace(/_/g, ' ');
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
