import { Inject, Injectable } from '@nestjs/common';
import type { CallerContext } from '@frm/caller';
import { timestampFromDate, type frmV1 } from '@frm/contracts';
import { InvalidArgumentError } from '@frm/grpc-errors';
import { PageTokens, queryFingerprint } from '@frm/pagination';
import { PAGE_TOKEN_KEY } from '../notifications.tokens';
import { NotificationsReadModel, type NotificationRow } from './notifications.read-model';

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;

/** The caller's inbox, unread first, then newest first, with the count of everything unread. */
@Injectable()
export class ListNotificationsHandler {
  private readonly pageTokens: PageTokens;

  constructor(
    private readonly readModel: NotificationsReadModel,
    @Inject(PAGE_TOKEN_KEY) pageTokenKey: Buffer,
  ) {
    this.pageTokens = new PageTokens(pageTokenKey);
  }

  async execute(request: frmV1.ListNotificationsRequest, caller: CallerContext): Promise<frmV1.ListNotificationsResponse> {
    if (request.pageSize < 0 || request.pageSize > MAX_PAGE_SIZE) {
      throw new InvalidArgumentError('page_size', `must be 0 (for ${DEFAULT_PAGE_SIZE}) to ${MAX_PAGE_SIZE}`, request.pageSize);
    }
    const pageSize = request.pageSize || DEFAULT_PAGE_SIZE;
    // A token is bound to its recipient: one person's token never pages through another's inbox.
    const query = queryFingerprint(['ListNotifications', caller.subject]);
    const cursor = this.pageTokens.read(request.pageToken, query, 3);
    const after = cursor ? ([cursor.after[0] === 'true', String(cursor.after[1]), String(cursor.after[2])] as const) : undefined;
    const [rows, unreadCount] = await Promise.all([this.readModel.page(caller.subject, pageSize + 1, after), this.readModel.unreadCount(caller.subject)]);
    const page = rows.slice(0, pageSize);
    const last = page.at(-1);
    return {
      notifications: page.map(notificationOf),
      nextPageToken: rows.length > pageSize && last ? this.pageTokens.issue({ query, after: [String(last.read), last.occurred_key, last.id] }) : '',
      unreadCount: String(unreadCount),
    };
  }
}

export function notificationOf(row: NotificationRow): frmV1.Notification {
  return {
    id: row.id,
    kind: row.kind as frmV1.NotificationKind,
    featureRequestId: row.feature_request_id ?? '',
    featureRequestTitle: row.title,
    fromStatus: (row.from_status || 'FEATURE_REQUEST_STATUS_UNSPECIFIED') as frmV1.FeatureRequestStatus,
    toStatus: (row.to_status || 'FEATURE_REQUEST_STATUS_UNSPECIFIED') as frmV1.FeatureRequestStatus,
    occurredAt: timestampFromDate(row.occurred_at),
    read: row.read,
    note: row.note,
    webhookId: row.webhook_id ?? '',
  };
}
