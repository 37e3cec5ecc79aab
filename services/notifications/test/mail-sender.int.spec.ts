import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSmtpServer } from './support/smtp-capture';
import { openMailSender, type OutgoingMail } from '../src/mail/mail-sender';
import { statusChangeMail } from '../src/mail/status-change-mail';

const mail = (deliveryId: string, to = 'couple@example.com'): OutgoingMail => ({
  deliveryId,
  to,
  unsubscribeUrl: `https://board.example.com/unsubscribe?token=${deliveryId}`,
  ...statusChangeMail({ title: 'Seating plan export', fromStatus: 'planned', toStatus: 'shipped', requestUrl: 'https://board.example.com/r/1', unsubscribeUrl: 'https://board.example.com/u' }),
});

describe('mail sender', () => {
  it('sends over SMTP with one-click unsubscribe headers (RFC 8058), text and HTML', async () => {
    const smtp = await startSmtpServer();
    const sender = openMailSender({ smtpUrl: smtp.url, outboxDir: '/nonexistent', from: 'Feature requests <noreply@example.com>' });
    try {
      expect(sender.description).toBe(smtp.url);
      await sender.send(mail('7d1f0c2e-3b4a-4c5d-8e6f-0a1b2c3d4e5f'));
      expect(smtp.received).toHaveLength(1);
      const [{ to, raw: folded }] = smtp.received as [{ to: string[]; raw: string }];
      const raw = folded.replace(/\r?\n[ \t]+/g, ' ');
      expect(to).toEqual(['couple@example.com']);
      expect(raw).toMatch(/^List-Unsubscribe: <https:\/\/board\.example\.com\/unsubscribe\?token=7d1f0c2e-3b4a-4c5d-8e6f-0a1b2c3d4e5f>/m);
      expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
      expect(raw).toMatch(/^Message-ID: <7d1f0c2e-3b4a-4c5d-8e6f-0a1b2c3d4e5f@frm\.notifications>/m);
      expect(raw).toMatch(/^Subject: Shipped: Seating plan export/m);
      expect(raw).toContain('Content-Type: text/plain');
      expect(raw).toContain('Content-Type: text/html');
    } finally {
      sender.close();
      await smtp.close();
    }
  });

  it('rejects when the server refuses the recipient or does not answer, so that the mail is retried', async () => {
    const smtp = await startSmtpServer((to) => to.startsWith('gone'));
    const sender = openMailSender({ smtpUrl: smtp.url, outboxDir: '/nonexistent', from: 'noreply@example.com' });
    try {
      await expect(sender.send(mail('11111111-1111-4111-8111-111111111111', 'gone@example.com'))).rejects.toThrow(/550|mailbox unavailable/);
    } finally {
      sender.close();
      await smtp.close();
    }
    const down = openMailSender({ smtpUrl: smtp.url, outboxDir: '/nonexistent', from: 'noreply@example.com' });
    try {
      await expect(down.send(mail('22222222-2222-4222-8222-222222222222'))).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      down.close();
    }
  });

  it('writes .eml files to the outbox without SMTP, one per delivery, a resend replacing it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'frm-outbox-'));
    const sender = openMailSender({ outboxDir: join(dir, 'outbox'), from: 'noreply@example.com' });
    try {
      await sender.send(mail('33333333-3333-4333-8333-333333333333'));
      await sender.send(mail('33333333-3333-4333-8333-333333333333'));
      expect(await readdir(join(dir, 'outbox'))).toEqual(['33333333-3333-4333-8333-333333333333.eml']);
      const raw = await readFile(join(dir, 'outbox', '33333333-3333-4333-8333-333333333333.eml'), 'utf8');
      expect(raw).toMatch(/^To: couple@example\.com$/m);
      expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    } finally {
      sender.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
