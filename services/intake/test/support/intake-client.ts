import { callerMetadataOf } from '@frm/caller';
import { frmV1 } from '@frm/contracts';
import { ServiceTestClient } from '@frm/testing';
import type { Actor } from '../../src';

export type Rpc = keyof frmV1.IntakeServiceController;

/** Who a call claims to come from: an actor as the gateway would pass it, raw metadata, or nobody. */
export type CallAs = Actor | { readonly metadata: Readonly<Record<string, string>> } | null;

/** A grpc-js client of frm.v1.IntakeService on ts-proto's definitions, as the gateway will be. */
export class IntakeClient extends ServiceTestClient<frmV1.IntakeServiceController, CallAs> {
  constructor(address: string) {
    super(address, frmV1.IntakeServiceService, frmV1, (as) => (as === null ? {} : 'metadata' in as ? as.metadata : callerMetadataOf(as)));
  }
}
