import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport, type Transporter } from 'nodemailer';
import type { RenderedMail } from './status-change-mail';

/** One mail to one person. */
export interface OutgoingMail extends RenderedMail {
  /** The delivery's id: the mail's Message-ID, so that a resend is recognisably the same mail. */
  readonly deliveryId: string;
  readonly to: string;
  /** One-click unsubscribe (RFC 8058): sent as List-Unsubscribe with List-Unsubscribe-Post. */
  readonly unsubscribeUrl: string;
}

/** Sends mail over SMTP, or writes it to an outbox folder in the embedded mode. */
export interface MailSender {
  /** `smtp://host:port`, or the outbox folder. */
  readonly description: string;
  /** Resolves once the server accepted the mail (or the file is written); rejects otherwise, to be retried. */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export interface MailSenderOptions {
  /** `FRM_SMTP_URL` (`smtp://user:pass@host:587`, `smtps://…`); absent: the outbox. */
  readonly smtpUrl?: string;
  /** Where mails are written as `.eml` files without SMTP (`FRM_DATA_DIR/outbox`). */
  readonly outboxDir: string;
  /** The From address. */
  readonly from: string;
}

export function openMailSender(options: MailSenderOptions): MailSender {
  return options.smtpUrl ? new SmtpMailSender(options.smtpUrl, options.from) : new OutboxMailSender(options.outboxDir, options.from);
}

function messageOf(mail: OutgoingMail, from: string) {
  return {
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: `<${mail.deliveryId}@frm.notifications>`,
    list: { unsubscribe: { url: mail.unsubscribeUrl, comment: 'Unsubscribe' } },
    headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}

/** As many as the mail dispatcher sends at once. */
const SMTP_CONNECTIONS = 8;

class SmtpMailSender implements MailSender {
  readonly description: string;
  private readonly transport: Transporter;

  constructor(smtpUrl: string, private readonly from: string) {
    const url = new URL(smtpUrl);
    // The password stays out of logs and messages.
    this.description = `${url.protocol}//${url.host}`;
    // A pool of connections reused from mail to mail: a fan-out of thousands does not open one each.
    this.transport = createTransport({ url: smtpUrl, pool: true, maxConnections: SMTP_CONNECTIONS, maxMessages: Infinity });
  }

  async send(mail: OutgoingMail): Promise<void> {
    const info = await this.transport.sendMail(messageOf(mail, this.from));
    const refused = info.rejected ?? [];
    if (refused.length > 0) throw new Error(`the SMTP server at ${this.description} refused ${refused.length} recipient(s): ${info.response}`);
  }

  close(): void {
    this.transport.close();
  }
}

class OutboxMailSender implements MailSender {
  readonly description: string;
  private readonly transport: Transporter;

  constructor(private readonly dir: string, private readonly from: string) {
    this.description = `the outbox folder ${dir}`;
    this.transport = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send(mail: OutgoingMail): Promise<void> {
    const info = (await this.transport.sendMail(messageOf(mail, this.from))) as { message: Buffer };
    await mkdir(this.dir, { recursive: true });
    // Written whole, then renamed: a reader never sees half a mail, and a resend replaces it.
    const file = join(this.dir, `${mail.deliveryId}.eml`);
    await writeFile(`${file}.partial`, info.message);
    await rename(`${file}.partial`, file);
  }

  close(): void {
    this.transport.close();
  }
}
