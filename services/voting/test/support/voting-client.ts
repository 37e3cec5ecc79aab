import { callerMetadataOf, type CallerClaims, type CallerConnection } from '@frm/caller';
import { frmV1 } from '@frm/contracts';
import { ServiceTestClient } from '@frm/testing';

export type Rpc = keyof frmV1.VotingServiceController;

/** Who calls, as the gateway would pass it (claims and connection signals). */
export interface Voter {
  readonly claims: CallerClaims;
  readonly connection?: CallerConnection;
}

/** A grpc-js client of frm.v1.VotingService, calling as the gateway does. */
export class VotingClient extends ServiceTestClient<frmV1.VotingServiceController, Voter> {
  constructor(address: string) {
    super(address, frmV1.VotingServiceService, frmV1, (as) => callerMetadataOf(as.claims, as.connection));
  }
}
