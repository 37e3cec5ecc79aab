import { credentials, makeGenericClientConstructor, Metadata, type ServiceError } from '@grpc/grpc-js';
import type { Observable } from 'rxjs';
import { callerMetadataOf, type CallerClaims } from '@frm/caller';
import { frmV1 } from '@frm/contracts';

export type Rpc = keyof frmV1.TriageServiceController;
type RequestOf<R extends Rpc> = Parameters<frmV1.TriageServiceController[R]>[0];
type ResponseOf<R extends Rpc> = Exclude<Awaited<ReturnType<frmV1.TriageServiceController[R]>>, Observable<unknown>>;
type UnaryCall = (request: unknown, metadata: Metadata, callback: (error: ServiceError | null, response?: unknown) => void) => void;
type Codec = { fromPartial(value: unknown): unknown };

const REQUEST_CODECS: Record<Rpc, Codec> = {
  findSimilarRequests: frmV1.FindSimilarRequestsRequest,
  suggestCategory: frmV1.SuggestCategoryRequest,
  getPriority: frmV1.GetPriorityRequest,
  setRiceInputs: frmV1.SetRiceInputsRequest,
  listRankedRequests: frmV1.ListRankedRequestsRequest,
};

/** A grpc-js client of frm.v1.TriageService, calling as the gateway does (caller metadata). */
export class TriageClient {
  private readonly client: Record<Rpc, UnaryCall> & { close(): void };

  constructor(address: string) {
    const Client = makeGenericClientConstructor(frmV1.TriageServiceService, 'TriageService');
    this.client = new Client(address, credentials.createInsecure()) as unknown as typeof this.client;
  }

  call<R extends Rpc>(rpc: R, request: Partial<RequestOf<R>>, as: CallerClaims): Promise<ResponseOf<R>> {
    const metadata = new Metadata();
    for (const [key, value] of Object.entries(callerMetadataOf(as))) metadata.set(key, value);
    return new Promise((resolve, reject) =>
      this.client[rpc].call(this.client, REQUEST_CODECS[rpc].fromPartial(request), metadata, (error, response) => (error ? reject(error) : resolve(response as ResponseOf<R>))),
    );
  }

  /** The error a call fails with; rejects when the call succeeds. */
  async failure<R extends Rpc>(rpc: R, request: Partial<RequestOf<R>>, as: CallerClaims): Promise<ServiceError> {
    const outcome = await this.call(rpc, request, as).then(
      () => undefined,
      (error: ServiceError) => error,
    );
    if (!outcome) throw new Error(`${rpc} succeeded but should have failed`);
    return outcome;
  }

  close(): void {
    this.client.close();
  }
}
