import { escapeHtml, oneLine, statusChangeMail, wordsOf, type RenderedMail } from './status-change-mail';

/** A planned e-mail as the delivery plan holds it, with the request's title as it is now. */
export interface MailNotice {
  readonly kind: string;
  readonly title: string;
  /** `FEATURE_REQUEST_STATUS_…`, or empty for comments. */
  readonly fromStatus: string;
  readonly toStatus: string;
  readonly note: string;
  readonly requestUrl: string;
  readonly occurredAt: Date;
}

/** `FEATURE_REQUEST_STATUS_UNDER_REVIEW` → `under_review`, as the templates name statuses. */
export function statusName(status: string): string {
  return status.replace(/^FEATURE_REQUEST_STATUS_/, '').toLowerCase();
}

/** The mail of one notice: a status change (with its note or release note) or a comment on the person's request. */
export function noticeMail(notice: MailNotice, unsubscribeUrl: string): RenderedMail {
  if (notice.kind === 'NOTIFICATION_KIND_COMMENT') {
    const title = oneLine(notice.title);
    return {
      subject: `New comment on ${title}`,
      text: [`Someone commented on your request "${title}".`, '', `Read it on the board: ${notice.requestUrl}`, '', `Stop mails about it: ${unsubscribeUrl}`, ''].join('\n'),
      html: [
        '<!doctype html>',
        '<html><body>',
        `<p>Someone commented on your request &ldquo;${escapeHtml(title)}&rdquo;.</p>`,
        `<p><a href="${escapeHtml(notice.requestUrl)}">Read it on the board</a></p>`,
        `<p style="color:#666;font-size:small"><a href="${escapeHtml(unsubscribeUrl)}">Stop mails about it</a>.</p>`,
        '</body></html>',
        '',
      ].join('\n'),
    };
  }
  return statusChangeMail({
    title: notice.title,
    fromStatus: statusName(notice.fromStatus),
    toStatus: statusName(notice.toStatus),
    note: notice.note,
    requestUrl: notice.requestUrl,
    unsubscribeUrl,
  });
}

/** One line of a digest: what happened to which request. */
function digestLine(notice: MailNotice): string {
  const title = oneLine(notice.title);
  if (notice.kind === 'NOTIFICATION_KIND_COMMENT') return `New comment on "${title}"`;
  const note = notice.note.trim() ? ` (${notice.note.trim()})` : '';
  return `"${title}" moved from ${wordsOf(statusName(notice.fromStatus))} to ${wordsOf(statusName(notice.toStatus))}${note}`;
}

/** The digest of a period: every notice in the order it happened, in one mail. */
export function digestMail(period: string, notices: readonly MailNotice[], unsubscribeUrl: string): RenderedMail {
  const count = notices.length === 1 ? '1 update' : `${notices.length} updates`;
  return {
    subject: `Your feature request digest for ${period}: ${count}`,
    text: [
      `What moved on the requests you follow (${period}):`,
      '',
      ...notices.map((notice) => `- ${digestLine(notice)}: ${notice.requestUrl}`),
      '',
      `Stop these mails: ${unsubscribeUrl}`,
      '',
    ].join('\n'),
    html: [
      '<!doctype html>',
      '<html><body>',
      `<p>What moved on the requests you follow (${escapeHtml(period)}):</p>`,
      '<ul>',
      ...notices.map((notice) => `<li><a href="${escapeHtml(notice.requestUrl)}">${escapeHtml(digestLine(notice))}</a></li>`),
      '</ul>',
      `<p style="color:#666;font-size:small"><a href="${escapeHtml(unsubscribeUrl)}">Stop these mails</a>.</p>`,
      '</body></html>',
      '',
    ].join('\n'),
  };
}
