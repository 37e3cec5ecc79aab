import { frmV1 } from '@frm/contracts';
import type { ServiceName } from '../cluster/cluster-services';
import type { AdminCalls } from '../checks/admin-calls';
import type { ReaderPool } from '../load/board-identities';
import type { BoardTraffic } from '../load/board-traffic';
import type { GrpcWebCaller } from '../load/grpc-web-caller';

/** One call through the gateway that needs the given part of the platform; resolves with its code. */
export type RecoveryProbe = () => Promise<string>;

// Probe callers come from far in the reader pool, away from the accounts the load is using now.
const PROBE_OFFSET = 1_000_003;

/** The call that tells whether each service answers again through the gateway. */
export function recoveryProbes(caller: GrpcWebCaller, readers: ReaderPool, traffic: BoardTraffic, admin: AdminCalls, featureRequestId: string): Record<ServiceName, RecoveryProbe> {
  let index = PROBE_OFFSET;
  const headers = () => readers.at(index++).headers;
  const getRequest = async () =>
    (await caller.unary('/frm.v1.IntakeService/GetFeatureRequest', frmV1.GetFeatureRequestRequest.encode({ featureRequestId }).finish(), headers())).code;
  return {
    intake: getRequest,
    // A vote of a new person: CastVote writes to the event store, the path that must not lose anything.
    voting: () => traffic.vote(),
    triage: async () =>
      (await caller.unary('/frm.v1.TriageService/FindSimilarRequests', frmV1.FindSimilarRequestsRequest.encode({ title: 'seating plan export', description: '', limit: 3 }).finish(), headers())).code,
    notifications: async () =>
      (await caller.unary('/frm.v1.NotificationService/ListNotifications', frmV1.ListNotificationsRequest.encode({ pageSize: 10, pageToken: '' }).finish(), headers())).code,
    compliance: async () => (await caller.unary('/frm.v1.ComplianceService/ListConsents', frmV1.ListConsentsRequest.encode({ subjectId: '' }).finish(), headers())).code,
    gateway: getRequest,
    'dr-orchestrator': async () => {
      const listed = await admin.listProjections();
      return 'code' in listed ? listed.code : 'OK';
    },
  };
}
