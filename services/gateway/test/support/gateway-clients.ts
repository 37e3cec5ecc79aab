import { createClient } from '@connectrpc/connect';
import { createGrpcWebTransport } from '@connectrpc/connect-node';
import type { DescService } from '@bufbuild/protobuf';
import { credentials, makeGenericClientConstructor, Metadata, type ServiceError } from '@grpc/grpc-js';
import { frmV1, readDescriptorImage } from '@frm/contracts';

const registry = readDescriptorImage();

/** A service's descriptor from the contracts' descriptor image, as a gRPC-web client needs it. */
export function serviceDescriptor(typeName: string): DescService {
  const service = registry.getService(typeName);
  if (!service) throw new Error(`${typeName} is not in the descriptor image; run npm run proto:generate`);
  return service;
}

/** A unary RPC of a client built from a descriptor at run time: plain objects in, message objects out. */
export type UntypedUnary = (request: Record<string, unknown>, options?: { headers?: Record<string, string> }) => Promise<Record<string, unknown>>;

/**
 * A real gRPC-web client (connect-es, binary protobuf) of `service`, over HTTP/1.1 or HTTP/2. Its RPCs
 * are named as in connect-es, lowerCamelCase.
 */
export function grpcWebClient(address: string, service = 'frm.v1.IntakeService', httpVersion: '1.1' | '2' = '1.1'): Record<string, UntypedUnary> {
  // Built from the descriptor image, the client's type knows no method names; tests name them.
  const client = createClient(serviceDescriptor(service), createGrpcWebTransport({ baseUrl: `http://${address}`, httpVersion }));
  return client as unknown as Record<string, UntypedUnary>;
}

type UnaryCall = (request: unknown, metadata: Metadata, options: object, callback: (error: ServiceError | null, response?: unknown) => void) => void;

/** A plain gRPC (grpc-js, HTTP/2) client of the intake service through the gateway. */
export class GrpcIntakeClient {
  private readonly client: Record<string, UnaryCall> & { close(): void };

  constructor(address: string) {
    const Client = makeGenericClientConstructor(frmV1.IntakeServiceService, 'IntakeService');
    this.client = new Client(address, credentials.createInsecure()) as unknown as typeof this.client;
  }

  call<Response>(rpc: keyof frmV1.IntakeServiceController, request: unknown, headers: Record<string, string>, options: object = {}): Promise<Response> {
    const metadata = new Metadata();
    for (const [key, value] of Object.entries(headers)) metadata.set(key, value);
    return new Promise((resolve, reject) =>
      (this.client[rpc] as UnaryCall).call(this.client, request, metadata, options, (error, response) => (error ? reject(error) : resolve(response as Response))),
    );
  }

  /** The error a call ends with; fails the test when it succeeds. */
  async failure(rpc: keyof frmV1.IntakeServiceController, request: unknown, headers: Record<string, string>): Promise<ServiceError> {
    try {
      await this.call(rpc, request, headers);
    } catch (error) {
      return error as ServiceError;
    }
    throw new Error(`${rpc} succeeded, but was expected to fail`);
  }

  close(): void {
    this.client.close();
  }
}
