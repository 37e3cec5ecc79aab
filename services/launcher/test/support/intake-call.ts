import { randomUUID } from 'node:crypto';
import { credentials, makeGenericClientConstructor, Metadata, type ServiceError } from '@grpc/grpc-js';
import { frmV1 } from '@frm/contracts';

type Unary = (request: unknown, metadata: Metadata, callback: (error: ServiceError | null, response?: unknown) => void) => void;

/** A couple calling the intake service as the gateway would: a fresh subject, the couple role. */
export class CoupleClient {
  readonly subject = randomUUID();
  private readonly client: Record<string, Unary> & { close(): void };

  constructor(address: string) {
    const Client = makeGenericClientConstructor(frmV1.IntakeServiceService, 'IntakeService');
    this.client = new Client(address, credentials.createInsecure()) as unknown as typeof this.client;
  }

  submit(request: Partial<frmV1.SubmitFeatureRequestRequest>): Promise<frmV1.FeatureRequest> {
    return this.call('submitFeatureRequest', frmV1.SubmitFeatureRequestRequest.fromPartial(request));
  }

  get(featureRequestId: string): Promise<frmV1.FeatureRequest> {
    return this.call('getFeatureRequest', frmV1.GetFeatureRequestRequest.fromPartial({ featureRequestId }));
  }

  list(request: Partial<frmV1.ListFeatureRequestsRequest>): Promise<frmV1.ListFeatureRequestsResponse> {
    return this.call('listFeatureRequests', frmV1.ListFeatureRequestsRequest.fromPartial(request));
  }

  close(): void {
    this.client.close();
  }

  private call<Response>(rpc: string, request: unknown): Promise<Response> {
    const metadata = new Metadata();
    // The keys of CALLER_METADATA in @frm/intake, spelled out: the gateway will speak this contract too.
    metadata.set('x-frm-subject', this.subject);
    metadata.set('x-frm-roles', 'couple');
    return new Promise((resolve, reject) =>
      (this.client[rpc] as Unary).call(this.client, request, metadata, (error, response) => (error ? reject(error) : resolve(response as Response))),
    );
  }
}
