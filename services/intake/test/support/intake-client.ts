import { credentials, makeGenericClientConstructor, Metadata, type ServiceError } from '@grpc/grpc-js';
import type { Observable } from 'rxjs';
import { callerMetadataOf } from '@frm/caller';
import { frmV1 } from '@frm/contracts';
import type { Actor } from '../../src';

export type Rpc = keyof frmV1.IntakeServiceController;
type RequestOf<R extends Rpc> = Parameters<frmV1.IntakeServiceController[R]>[0];
type ResponseOf<R extends Rpc> = Exclude<Awaited<ReturnType<frmV1.IntakeServiceController[R]>>, Observable<unknown>>;

/** Who a call claims to come from: an actor as the gateway would pass it, raw metadata, or nobody. */
export type CallAs = Actor | { readonly metadata: Readonly<Record<string, string>> } | null;

type UnaryCall = (request: unknown, metadata: Metadata, callback: (error: ServiceError | null, response?: unknown) => void) => void;
type Codec = { fromPartial(value: unknown): unknown };

/** A grpc-js client of frm.v1.IntakeService on ts-proto's definitions, as the gateway will be. */
export class IntakeClient {
  private readonly client: Record<Rpc, UnaryCall> & { close(): void };

  constructor(address: string) {
    const Client = makeGenericClientConstructor(frmV1.IntakeServiceService, 'IntakeService');
    this.client = new Client(address, credentials.createInsecure()) as unknown as typeof this.client;
  }

  call<R extends Rpc>(rpc: R, request: Partial<RequestOf<R>>, as: CallAs): Promise<ResponseOf<R>> {
    const metadata = new Metadata();
    const entries = as === null ? {} : 'metadata' in as ? as.metadata : callerMetadataOf(as);
    for (const [key, value] of Object.entries(entries)) metadata.set(key, value);
    const codec = (frmV1 as unknown as Record<string, Codec>)[`${rpc.charAt(0).toUpperCase()}${rpc.slice(1)}Request`] as Codec;
    return new Promise((resolve, reject) =>
      this.client[rpc].call(this.client, codec.fromPartial(request), metadata, (error, response) =>
        error ? reject(error) : resolve(response as ResponseOf<R>),
      ),
    );
  }

  /** The error a call fails with; rejects when the call succeeds. */
  async failure<R extends Rpc>(rpc: R, request: Partial<RequestOf<R>>, as: CallAs): Promise<ServiceError> {
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
