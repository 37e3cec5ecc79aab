import type { frmV1 } from '@frm/contracts';
import { ROLES, STAFF_ROLES, type Role } from '../feature-requests/domain';

export type IntakeRpc = keyof frmV1.IntakeServiceController;

/** Who may call each RPC at all; the aggregate adds the finer rules (only the author edits…). */
export const INTAKE_ACCESS_POLICY: Readonly<Record<IntakeRpc, readonly Role[]>> = {
  submitFeatureRequest: ROLES,
  editFeatureRequest: ROLES,
  addComment: ROLES,
  listComments: ROLES,
  changeStatus: STAFF_ROLES,
  mergeFeatureRequest: STAFF_ROLES,
  getFeatureRequest: ROLES,
  listFeatureRequests: ROLES,
};
