import { create } from '@bufbuild/protobuf';
import { FeatureRequestStatus } from '../gen/frm/v1/feature_request_pb';
import { NotificationKind, NotificationSchema } from '../gen/frm/v1/notification_service_pb';
import { isStatusMove, notificationHeadline, notificationKindLabel, notificationSummary, noteLabel } from './notification-words';

const notification = (init: Parameters<typeof create<typeof NotificationSchema>>[1]) => create(NotificationSchema, { id: 'n1', featureRequestTitle: 'Seating plan export', ...init });

describe('notification words', () => {
  it('names every kind in words', () => {
    expect([NotificationKind.STATUS_CHANGED, NotificationKind.SHIPPED, NotificationKind.COMMENT, NotificationKind.WEBHOOK_DISABLED, NotificationKind.UNSPECIFIED].map(notificationKindLabel)).toEqual([
      'Status changed',
      'Shipped',
      'New comment',
      'Webhook disabled',
      'Notification',
    ]);
    expect(notificationKindLabel(42 as NotificationKind)).toBe('Notification');
  });

  it('tells a status change from where to where, in the board’s status words', () => {
    const planned = notification({ kind: NotificationKind.STATUS_CHANGED, fromStatus: FeatureRequestStatus.UNDER_REVIEW, toStatus: FeatureRequestStatus.PLANNED });
    expect(isStatusMove(planned)).toBe(true);
    expect(notificationSummary(planned)).toBe('Moved from Under review to Planned.');
    const shipped = notification({ kind: NotificationKind.SHIPPED, fromStatus: FeatureRequestStatus.IN_PROGRESS, toStatus: FeatureRequestStatus.SHIPPED, note: 'In the June release.' });
    expect(notificationSummary(shipped)).toBe('Moved from In progress to Shipped.');
    expect(notificationSummary(notification({ kind: NotificationKind.STATUS_CHANGED, toStatus: FeatureRequestStatus.DECLINED }))).toBe('Now Declined.');
  });

  it('introduces the product team’s words as the release note of a shipped request, else as the reason', () => {
    expect(noteLabel(notification({ kind: NotificationKind.SHIPPED }))).toBe('Release note');
    expect(noteLabel(notification({ kind: NotificationKind.STATUS_CHANGED }))).toBe('Reason given');
  });

  it('says what a comment or a disabled webhook means, without statuses', () => {
    expect(isStatusMove(notification({ kind: NotificationKind.COMMENT }))).toBe(false);
    expect(notificationSummary(notification({ kind: NotificationKind.COMMENT }))).toBe('Someone commented on your request.');
    expect(notificationSummary(notification({ kind: NotificationKind.WEBHOOK_DISABLED, webhookId: '0b9a4c1e-3f7d-4e2a-9c55-1d2e3f4a5b6c' }))).toContain('Your webhook 0b9a4c1e kept failing');
  });

  it('announces a new notification by kind and title', () => {
    expect(notificationHeadline(notification({ kind: NotificationKind.SHIPPED }))).toBe('Shipped: Seating plan export');
    expect(notificationHeadline(notification({ kind: NotificationKind.WEBHOOK_DISABLED, featureRequestTitle: '' }))).toBe('Webhook disabled');
  });
});
