import { frmEventsV1 } from '@frm/contracts';
import type { PiiFieldMap } from '@frm/pii';

/**
 * The encrypted fields this service reads or writes: a request's title, as intake encrypts it with
 * its writer's key, and a couple's wedding date in their preferences, with their own key.
 */
export const NOTIFICATIONS_PERSONAL_FIELDS: PiiFieldMap = {
  [frmEventsV1.RecipientPreferencesUpdated.$type]: { subjectField: 'recipientId', fields: ['weddingDate'] },
  [frmEventsV1.FeatureRequestSubmitted.$type]: { subjectField: 'authorId', fields: ['title'] },
  [frmEventsV1.FeatureRequestEdited.$type]: { subjectField: 'editorId', fields: ['title'] },
};
