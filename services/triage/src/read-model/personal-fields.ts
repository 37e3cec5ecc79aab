import { frmEventsV1 } from '@frm/contracts';
import type { PiiFieldMap } from '@frm/pii';

/** The encrypted fields triage reads: a request's title and description, as intake encrypts them with their writer's key. */
export const TRIAGE_PERSONAL_FIELDS: PiiFieldMap = {
  [frmEventsV1.FeatureRequestSubmitted.$type]: { subjectField: 'authorId', fields: ['title', 'description'] },
  [frmEventsV1.FeatureRequestEdited.$type]: { subjectField: 'editorId', fields: ['title', 'description'] },
};
