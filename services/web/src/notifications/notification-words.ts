import { statusLabel } from '../feature-requests/status-labels';
import { FeatureRequestStatus } from '../gen/frm/v1/feature_request_pb';
import { NotificationKind, type Notification } from '../gen/frm/v1/notification_service_pb';
import { shortId } from '../format/people';

const KIND_LABELS: Readonly<Record<NotificationKind, string>> = {
  [NotificationKind.UNSPECIFIED]: 'Notification',
  [NotificationKind.STATUS_CHANGED]: 'Status changed',
  [NotificationKind.SHIPPED]: 'Shipped',
  [NotificationKind.COMMENT]: 'New comment',
  [NotificationKind.WEBHOOK_DISABLED]: 'Webhook disabled',
};

export function notificationKindLabel(kind: NotificationKind): string {
  return KIND_LABELS[kind] ?? KIND_LABELS[NotificationKind.UNSPECIFIED];
}

/** Status changes and shipped requests say from where to where; other kinds say nothing of statuses. */
export function isStatusMove(notification: Notification): boolean {
  return (
    (notification.kind === NotificationKind.STATUS_CHANGED || notification.kind === NotificationKind.SHIPPED) &&
    notification.toStatus !== FeatureRequestStatus.UNSPECIFIED
  );
}

/** What happened, in a sentence of the board's words. */
export function notificationSummary(notification: Notification): string {
  if (isStatusMove(notification)) {
    const to = statusLabel(notification.toStatus);
    return notification.fromStatus === FeatureRequestStatus.UNSPECIFIED ? `Now ${to}.` : `Moved from ${statusLabel(notification.fromStatus)} to ${to}.`;
  }
  switch (notification.kind) {
    case NotificationKind.COMMENT:
      return 'Someone commented on your request.';
    case NotificationKind.WEBHOOK_DISABLED:
      return `Your webhook ${shortId(notification.webhookId)} kept failing and was disabled; it gets nothing until it is set up again.`;
    default:
      return '';
  }
}

/** How the product team's words are introduced: the release note of a shipped request, else the reason. */
export function noteLabel(notification: Notification): string {
  return notification.kind === NotificationKind.SHIPPED ? 'Release note' : 'Reason given';
}

/** One line for a screen reader's announcement of a new notification: "Shipped: Seating plan export". */
export function notificationHeadline(notification: Notification): string {
  const title = notification.featureRequestTitle.trim();
  return title === '' ? notificationKindLabel(notification.kind) : `${notificationKindLabel(notification.kind)}: ${title}`;
}
