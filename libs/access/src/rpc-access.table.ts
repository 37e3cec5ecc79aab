import type { Role } from '@frm/caller';
import { ADMINS, CUSTOMERS, EVERYONE, STAFF } from './role-groups';

/**
 * Who may call each RPC, by `package.Service/Method`. This table is the only place the decision is
 * made: the gateway checks it, and every service checks it again with {@link RpcAccessGuard}, so a
 * call that reaches a service past the gateway meets the same rule. An RPC missing from it is
 * refused to everybody, so a new RPC is closed until someone adds it here (a test walks every RPC
 * of the contracts to make sure nobody forgets). The aggregates check the finer rules themselves
 * (only the author edits a request…). Services of `frm.internal.*` have no entry on purpose: they
 * are called service to service only, so the gateway refuses them to every caller.
 */
export const RPC_ACCESS: Readonly<Record<string, readonly Role[]>> = {
  'frm.v1.IntakeService/SubmitFeatureRequest': EVERYONE,
  'frm.v1.IntakeService/EditFeatureRequest': EVERYONE,
  'frm.v1.IntakeService/AddComment': EVERYONE,
  'frm.v1.IntakeService/ListComments': EVERYONE,
  'frm.v1.IntakeService/ChangeStatus': STAFF,
  'frm.v1.IntakeService/MergeFeatureRequest': STAFF,
  'frm.v1.IntakeService/UnmergeFeatureRequest': STAFF,
  'frm.v1.IntakeService/GetFeatureRequest': EVERYONE,
  'frm.v1.IntakeService/ListFeatureRequests': EVERYONE,
  'frm.v1.IntakeService/ListStatusHistory': EVERYONE,

  // Votes are the customers' voice: staff see tallies and review flagged votes, but do not vote.
  'frm.v1.VotingService/CastVote': CUSTOMERS,
  'frm.v1.VotingService/RetractVote': CUSTOMERS,
  'frm.v1.VotingService/GetTally': EVERYONE,
  'frm.v1.VotingService/ListFlaggedVotes': STAFF,
  'frm.v1.VotingService/ReviewVote': STAFF,

  // Everyone has data-protection rights over their own data; the service lets a person act for
  // themself only and an admin for anyone, and holds bulk exports to admins with a reason.
  'frm.v1.ComplianceService/EraseSubject': EVERYONE,
  'frm.v1.ComplianceService/ExportSubjectData': EVERYONE,
  'frm.v1.ComplianceService/RecordConsent': EVERYONE,
  'frm.v1.ComplianceService/WithdrawConsent': EVERYONE,
  'frm.v1.ComplianceService/ListConsents': EVERYONE,
  'frm.v1.ComplianceService/ListDataRequests': EVERYONE,

  // Anyone may look for similar requests while typing and read priorities; only product sets RICE inputs.
  'frm.v1.TriageService/FindSimilarRequests': EVERYONE,
  'frm.v1.TriageService/SuggestCategory': EVERYONE,
  'frm.v1.TriageService/GetPriority': EVERYONE,
  'frm.v1.TriageService/SetRiceInputs': STAFF,
  'frm.v1.TriageService/ListRankedRequests': EVERYONE,

  // Everyone has an inbox and follows requests; the service shows and changes the caller's own only.
  'frm.v1.NotificationService/Follow': EVERYONE,
  'frm.v1.NotificationService/Unfollow': EVERYONE,
  'frm.v1.NotificationService/ListNotifications': EVERYONE,
  'frm.v1.NotificationService/MarkRead': EVERYONE,
  'frm.v1.NotificationService/MarkAllRead': EVERYONE,
  'frm.v1.NotificationService/GetPreferences': EVERYONE,
  'frm.v1.NotificationService/UpdatePreferences': EVERYONE,
  'frm.v1.NotificationService/WatchNotifications': EVERYONE,
  // Webhooks feed the company's own integrations: the product team and admins manage them.
  'frm.v1.NotificationService/CreateWebhook': STAFF,
  'frm.v1.NotificationService/ListWebhooks': STAFF,
  'frm.v1.NotificationService/DeleteWebhook': STAFF,
  'frm.v1.NotificationService/ListWebhookDeliveries': STAFF,
  'frm.v1.NotificationService/RedeliverWebhook': STAFF,

  // Recovery is operations' work: the product team may look at the projections, admins act on them.
  'frm.v1.RecoveryService/ListProjections': STAFF,
  'frm.v1.RecoveryService/RebuildProjection': ADMINS,
  'frm.v1.RecoveryService/VerifyProjection': ADMINS,
  'frm.v1.RecoveryService/ListBackups': STAFF,
  'frm.v1.RecoveryService/RepublishEvents': ADMINS,
  'frm.v1.RecoveryService/RunRestoreDrill': ADMINS,
};
