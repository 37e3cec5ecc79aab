import { credentials, makeGenericClientConstructor, Metadata, type ServiceError } from '@grpc/grpc-js';
import type { Observable } from 'rxjs';
import { callerMetadataOf, type CallerClaims, type CallerConnection } from '@frm/caller';
import { frmV1 } from '@frm/contracts';

export type Rpc = keyof frmV1.VotingServiceController;
type RequestOf<R extends Rpc> = Parameters<frmV1.VotingServiceController[R]>[0];
type ResponseOf<R extends Rpc> = Exclude<Awaited<ReturnType<frmV1.VotingServiceController[R]>>, Observable<unknown>>;

/** Who calls, as the gateway would pass it (claims and connection signals). */
export interface Voter {
  readonly claims: CallerClaims;
  readonly connection?: CallerConnection;
}

type UnaryCall = (request: unknown, metadata: Metadata, callback: (error: ServiceError | null, response?: unknown) => void) => void;
type Codec = { fromPartial(value: unknown): unknown };

/** A grpc-js client of frm.v1.VotingService, calling as the gateway does. */
export class VotingClient {
  private readonly client: Record<Rpc, UnaryCall> & { close(): void };

  constructor(address: string) {
    const Client = makeGenericClientConstructor(frmV1.VotingServiceService, 'VotingService');
    this.client = new Client(address, credentials.createInsecure()) as unknown as typeof this.client;
  }

  call<R extends Rpc>(rpc: R, request: Partial<RequestOf<R>>, as: Voter): Promise<ResponseOf<R>> {
    const metadata = new Metadata();
    for (const [key, value] of Object.entries(callerMetadataOf(as.claims, as.connection))) metadata.set(key, value);
    const codec = (frmV1 as unknown as Record<string, Codec>)[`${rpc.charAt(0).toUpperCase()}${rpc.slice(1)}Request`] as Codec;
    return new Promise((resolve, reject) =>
      this.client[rpc].call(this.client, codec.fromPartial(request), metadata, (error, response) =>
        error ? reject(error) : resolve(response as ResponseOf<R>),
      ),
    );
  }

  /** The error a call fails with; rejects when the call succeeds. */
  async failure<R extends Rpc>(rpc: R, request: Partial<RequestOf<R>>, as: Voter): Promise<ServiceError> {
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
