import { callerMetadataOf, type CallerClaims } from '@frm/caller';
import { frmV1 } from '@frm/contracts';
import { ServiceTestClient } from '@frm/testing';

export type Rpc = keyof frmV1.TriageServiceController;

/** A grpc-js client of frm.v1.TriageService, calling as the gateway does (caller metadata). */
export class TriageClient extends ServiceTestClient<frmV1.TriageServiceController, CallerClaims> {
  constructor(address: string) {
    super(address, frmV1.TriageServiceService, frmV1, (as) => callerMetadataOf(as));
  }
}
