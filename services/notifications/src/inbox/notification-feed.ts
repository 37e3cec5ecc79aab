import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { frmV1 } from '@frm/contracts';
import type { Logger } from '@frm/logging';
import { Observable, type Subscriber } from 'rxjs';
import { LOGGER } from '../notifications.tokens';
import { notificationOf } from './list-notifications.handler';
import { NotificationsReadModel, type NotificationRow } from './notifications.read-model';

// How often open watches look for new rows: a board updates within this, at one query per tick for all of them.
const TICK_MS = 250;

interface Watch {
  readonly recipientId: string;
  readonly subscriber: Subscriber<frmV1.NotificationUpdate>;
}

/**
 * WatchNotifications: every open watch of this process is served by one query per tick that reads
 * the notifications that arrived since the last tick for the people watching (the read model
 * numbers rows as they arrive), so a thousand open boards cost what one does.
 */
@Injectable()
export class NotificationFeed implements BeforeApplicationShutdown {
  private readonly watches = new Set<Watch>();
  private lastSeq: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;

  constructor(
    private readonly readModel: NotificationsReadModel,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  watch(recipientId: string): Observable<frmV1.NotificationUpdate> {
    return new Observable<frmV1.NotificationUpdate>((subscriber) => {
      const watch: Watch = { recipientId, subscriber };
      void this.open(watch);
      return () => {
        this.watches.delete(watch);
        if (this.watches.size === 0) this.pause();
      };
    });
  }

  beforeApplicationShutdown(): void {
    for (const watch of this.watches) watch.subscriber.complete();
    this.watches.clear();
    this.pause();
  }

  private async open(watch: Watch): Promise<void> {
    try {
      if (this.lastSeq === undefined) this.lastSeq = await this.readModel.lastNotificationSeq();
      const unread = await this.readModel.unreadCount(watch.recipientId);
      if (watch.subscriber.closed) return;
      watch.subscriber.next({ notification: null, unreadCount: String(unread) });
      this.watches.add(watch);
      this.timer ??= setInterval(() => void this.tick(), TICK_MS);
    } catch (error) {
      watch.subscriber.error(error);
    }
  }

  private pause(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.lastSeq = undefined;
  }

  private async tick(): Promise<void> {
    if (this.ticking || this.watches.size === 0 || this.lastSeq === undefined) return;
    this.ticking = true;
    try {
      const recipients = [...new Set([...this.watches].map((watch) => watch.recipientId))];
      const { rows, upTo } = await this.readModel.arrivedSince(this.lastSeq, recipients);
      this.lastSeq = upTo;
      const unread = new Map<string, number>();
      for (const recipient of new Set(rows.map((row: NotificationRow & { recipient_id: string }) => row.recipient_id))) {
        unread.set(recipient, await this.readModel.unreadCount(recipient));
      }
      for (const row of rows) {
        for (const watch of this.watches) {
          if (watch.recipientId === row.recipient_id) watch.subscriber.next({ notification: notificationOf(row), unreadCount: String(unread.get(row.recipient_id) ?? 0) });
        }
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'watched notifications could not be read this tick; the next tick tries again');
    } finally {
      this.ticking = false;
    }
  }
}
