import { frmEventsV1 } from '@frm/contracts';
import type { PiiFieldMap } from '@frm/pii';

/**
 * The encrypted fields this service reads or writes: a request's title, as intake encrypts it with
 * its writer's key, a person's e-mail address and a couple's wedding date in their preferences, with
 * their own key, and webhooks' secrets.
 */
export const NOTIFICATIONS_PERSONAL_FIELDS: PiiFieldMap = {
  [frmEventsV1.RecipientPreferencesUpdated.$type]: { subjectField: 'recipientId', fields: ['weddingDate', 'emailAddress'] },
  // A webhook's secret is under the webhook's own key: it outlives its creator, and deleting the
  // webhook can shred it.
  [frmEventsV1.WebhookCreated.$type]: { subjectField: 'webhookId', fields: ['secret'] },
  [frmEventsV1.FeatureRequestSubmitted.$type]: { subjectField: 'authorId', fields: ['title'] },
  [frmEventsV1.FeatureRequestEdited.$type]: { subjectField: 'editorId', fields: ['title'] },
  // The product team's words with a change (a shipped request's release note), under the staff member's key.
  [frmEventsV1.FeatureRequestStatusChanged.$type]: { subjectField: 'actorId', fields: ['reason'] },
};
