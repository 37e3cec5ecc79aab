import { frmEventsV1 } from '@frm/contracts';
import type { PiiFieldMap } from '@frm/pii';

/**
 * The encrypted fields this service reads: a request's title, as intake encrypts it with its
 * writer's key. Notifications appends no personal data of its own.
 */
export const NOTIFICATIONS_READ_FIELDS: PiiFieldMap = {
  [frmEventsV1.FeatureRequestSubmitted.$type]: { subjectField: 'authorId', fields: ['title'] },
  [frmEventsV1.FeatureRequestEdited.$type]: { subjectField: 'editorId', fields: ['title'] },
};
