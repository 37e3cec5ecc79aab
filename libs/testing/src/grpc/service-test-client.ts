import { credentials, makeGenericClientConstructor, Metadata, type ClientReadableStream, type ServiceDefinition, type ServiceError } from '@grpc/grpc-js';

type Method = (request: never, ...rest: never[]) => unknown;
/** The request of an RPC of a ts-proto controller interface. */
export type RequestOf<Controller, R extends keyof Controller> = Controller[R] extends (request: infer Q, ...rest: never[]) => unknown ? Q : never;
/** Its response, for unary RPCs (a controller may also answer with an Observable or a promise of one). */
export type ResponseOf<Controller, R extends keyof Controller> = Controller[R] extends Method ? Exclude<Awaited<ReturnType<Controller[R]>>, { subscribe: unknown }> : never;

/** What a server-streaming RPC sends, for a ts-proto controller that answers with an Observable. */
export type StreamedOf<Controller, R extends keyof Controller> = Controller[R] extends Method
  ? ReturnType<Controller[R]> extends { forEach(next: (value: infer T) => void, ...rest: never[]): unknown }
    ? T
    : never
  : never;

type UnaryCall = (request: unknown, metadata: Metadata, callback: (error: ServiceError | null, response?: unknown) => void) => void;
type StreamingCall = (request: unknown, metadata: Metadata) => ClientReadableStream<unknown>;
type Codec = { fromPartial(value: unknown): unknown };

/**
 * A grpc-js client of one of the platform's services for tests, calling as the gateway does: each
 * call carries the metadata `metadataOf` makes of who calls. Requests are given partially and
 * completed by their ts-proto codec, found by name (`castVote` → `CastVoteRequest`) among `messages`.
 */
export class ServiceTestClient<Controller, As> {
  protected readonly client: Record<string, UnaryCall> & { close(): void };

  constructor(
    address: string,
    definition: ServiceDefinition,
    private readonly messages: object,
    private readonly metadataOf: (as: As) => Readonly<Record<string, string>>,
  ) {
    const Client = makeGenericClientConstructor(definition, 'ServiceUnderTest');
    this.client = new Client(address, credentials.createInsecure()) as unknown as typeof this.client;
  }

  call<R extends keyof Controller & string>(rpc: R, request: Partial<RequestOf<Controller, R>>, as: As): Promise<ResponseOf<Controller, R>> {
    const codec = (this.messages as Record<string, Codec | undefined>)[`${rpc.charAt(0).toUpperCase()}${rpc.slice(1)}Request`];
    const method = this.client[rpc];
    if (!codec || !method) throw new Error(`${rpc} is not a unary RPC of this service (no ${rpc}Request codec or method)`);
    return new Promise((resolve, reject) =>
      method.call(this.client, codec.fromPartial(request), this.metadata(as), (error, response) => (error ? reject(error) : resolve(response as ResponseOf<Controller, R>))),
    );
  }

  /** The error a call fails with; rejects when the call succeeds. */
  async failure<R extends keyof Controller & string>(rpc: R, request: Partial<RequestOf<Controller, R>>, as: As): Promise<ServiceError> {
    const outcome = await this.call(rpc, request, as).then(
      () => undefined,
      (error: ServiceError) => error,
    );
    if (!outcome) throw new Error(`${rpc} succeeded but should have failed`);
    return outcome;
  }

  /** Opens a server-streaming call; `cancel()` on the stream cancels it on the server too. */
  stream<R extends keyof Controller & string>(rpc: R, request: Partial<RequestOf<Controller, R>>, as: As): ClientReadableStream<StreamedOf<Controller, R>> {
    const codec = (this.messages as Record<string, Codec | undefined>)[`${rpc.charAt(0).toUpperCase()}${rpc.slice(1)}Request`];
    const method = this.client[rpc] as unknown as StreamingCall | undefined;
    if (!codec || !method) throw new Error(`${rpc} is not an RPC of this service (no ${rpc}Request codec or method)`);
    return method.call(this.client, codec.fromPartial(request), this.metadata(as)) as ClientReadableStream<StreamedOf<Controller, R>>;
  }

  /** Every message of a server-streaming call, once it ends; rejects with the error it ends with. */
  streamed<R extends keyof Controller & string>(rpc: R, request: Partial<RequestOf<Controller, R>>, as: As): Promise<Array<StreamedOf<Controller, R>>> {
    const call = this.stream(rpc, request, as);
    const messages: Array<StreamedOf<Controller, R>> = [];
    return new Promise((resolve, reject) => {
      call.on('data', (message: StreamedOf<Controller, R>) => messages.push(message));
      call.on('error', reject);
      call.on('end', () => resolve(messages));
    });
  }

  close(): void {
    this.client.close();
  }

  protected metadata(as: As): Metadata {
    const metadata = new Metadata();
    for (const [key, value] of Object.entries(this.metadataOf(as))) metadata.set(key, value);
    return metadata;
  }
}
