import { frmEventsV1 } from '@frm/contracts';
import type { PiiFieldMap } from '@frm/pii';

/**
 * What people write, encrypted with the writer's key: a requester's title and description, an
 * editor's changes, a commenter's comment, and a staff member's reasons (the staff member's own
 * data, not the requester's). Ids, categories, tags and statuses stay readable: they identify nobody.
 */
export const INTAKE_PERSONAL_FIELDS: PiiFieldMap = {
  [frmEventsV1.FeatureRequestSubmitted.$type]: { subjectField: 'authorId', fields: ['title', 'description'] },
  [frmEventsV1.FeatureRequestEdited.$type]: { subjectField: 'editorId', fields: ['title', 'description'] },
  [frmEventsV1.FeatureRequestCommentAdded.$type]: { subjectField: 'authorId', fields: ['body'] },
  [frmEventsV1.FeatureRequestStatusChanged.$type]: { subjectField: 'actorId', fields: ['reason'] },
  [frmEventsV1.FeatureRequestMerged.$type]: { subjectField: 'actorId', fields: ['reason'] },
  [frmEventsV1.FeatureRequestUnmerged.$type]: { subjectField: 'actorId', fields: ['reason'] },
};
