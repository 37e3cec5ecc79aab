import { frmEventsV1 } from '@frm/contracts';
import type { PiiFieldMap } from '@frm/pii';

/**
 * What people write in voting: a staff member's reason for a review decision, their own data,
 * encrypted with their key. Ids, hashes, weights and fraud evidence identify nobody by themselves.
 */
export const VOTING_PERSONAL_FIELDS: PiiFieldMap = {
  [frmEventsV1.VoteReviewed.$type]: { subjectField: 'reviewerId', fields: ['reason'] },
};
