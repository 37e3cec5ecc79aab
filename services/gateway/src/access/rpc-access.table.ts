import type { Role } from '@frm/caller';
import { CUSTOMERS, EVERYONE, STAFF } from './roles';

/**
 * Who may call each RPC through the gateway, by `package.Service/Method`. This table is the only
 * place the decision is made; an RPC missing from it is refused to everybody, so a new RPC is closed
 * until someone adds it here (a test walks every RPC of the contracts to make sure nobody forgets).
 * The services still check the finer rules themselves (only the author edits a request…).
 */
export const RPC_ACCESS: Readonly<Record<string, readonly Role[]>> = {
  'frm.v1.IntakeService/SubmitFeatureRequest': EVERYONE,
  'frm.v1.IntakeService/EditFeatureRequest': EVERYONE,
  'frm.v1.IntakeService/AddComment': EVERYONE,
  'frm.v1.IntakeService/ListComments': EVERYONE,
  'frm.v1.IntakeService/ChangeStatus': STAFF,
  'frm.v1.IntakeService/MergeFeatureRequest': STAFF,
  'frm.v1.IntakeService/GetFeatureRequest': EVERYONE,
  'frm.v1.IntakeService/ListFeatureRequests': EVERYONE,

  // Votes are the customers' voice: staff see tallies and review flagged votes, but do not vote.
  'frm.v1.VotingService/CastVote': CUSTOMERS,
  'frm.v1.VotingService/RetractVote': CUSTOMERS,
  'frm.v1.VotingService/GetTally': EVERYONE,
  'frm.v1.VotingService/ListFlaggedVotes': STAFF,
  'frm.v1.VotingService/ReviewVote': STAFF,
};
