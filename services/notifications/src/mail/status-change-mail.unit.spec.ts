import { statusChangeMail } from './status-change-mail';

const notice = {
  title: 'Seating <b>plan</b> & "export"',
  fromStatus: 'under_review',
  toStatus: 'planned',
  requestUrl: 'https://board.example.com/requests/a1?x=1&y=2',
  unsubscribeUrl: 'https://board.example.com/unsubscribe?token=abc.def',
};

describe('status change mail', () => {
  it('says what moved where, in text and HTML, with the links', () => {
    const mail = statusChangeMail(notice);
    expect(mail.subject).toBe('Seating <b>plan</b> & "export" is now planned');
    expect(mail.text).toContain('"Seating <b>plan</b> & "export"" moved from under review to planned.');
    expect(mail.text).toContain('https://board.example.com/unsubscribe?token=abc.def');
    expect(mail.html).toContain('moved from <strong>under review</strong> to <strong>planned</strong>');
    expect(mail.html).toContain('href="https://board.example.com/requests/a1?x=1&amp;y=2"');
  });

  it('escapes what people wrote in the HTML, so a title can never add markup', () => {
    const mail = statusChangeMail(notice);
    expect(mail.html).toContain('Seating &lt;b&gt;plan&lt;/b&gt; &amp; &quot;export&quot;');
    expect(mail.html).not.toContain('<b>plan</b>');
  });

  it('keeps the subject on one line and announces a shipped request', () => {
    const mail = statusChangeMail({ ...notice, title: 'Guest\r\nBcc: someone@example.com', toStatus: 'shipped' });
    expect(mail.subject).toBe('Shipped: Guest Bcc: someone@example.com');
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });
});
