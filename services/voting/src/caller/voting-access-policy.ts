import { ROLES, STAFF_ROLES, type Role } from '@frm/caller';
import type { frmV1 } from '@frm/contracts';

export type VotingRpc = keyof frmV1.VotingServiceController;

const VOTERS: readonly Role[] = ['couple', 'supplier'];

/** Who may call each RPC; checked here again after the gateway (defence in depth). */
export const VOTING_ACCESS_POLICY: Readonly<Record<VotingRpc, readonly Role[]>> = {
  castVote: VOTERS,
  retractVote: VOTERS,
  getTally: ROLES,
  listFlaggedVotes: STAFF_ROLES,
  reviewVote: STAFF_ROLES,
};
