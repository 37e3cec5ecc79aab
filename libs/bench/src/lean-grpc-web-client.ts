import { GrpcWebTransport } from './grpc-web-transport';
import { readGrpcWebResponse } from './grpc-web-response';

/**
 * A gRPC-web caller with as little of its own work as the protocol allows: binary frames over
 * keep-alive HTTP/1.1 (GrpcWebTransport), one connection per call in flight. The load generator
 * shares the machine's two cores with the gateway and the service, so a heavy client would be
 * measured as gateway cost.
 */
export class LeanGrpcWebClient {
  private readonly transport: GrpcWebTransport;

  constructor(address: string, sockets: number) {
    this.transport = new GrpcWebTransport(address, sockets);
  }

  /** Calls `/package.Service/Method` with one encoded message; resolves with the encoded answer. */
  async unary(path: string, message: Uint8Array, headers: Record<string, string>): Promise<Buffer> {
    const exchange = await this.transport.post(path, message, headers);
    return answerOf(exchange.body, exchange.headers['grpc-status']);
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}

/** The one message of a unary answer; throws with the status when the call failed. */
function answerOf(body: Buffer, headerStatus: string | string[] | undefined): Buffer {
  const { status, details, message } = readGrpcWebResponse(body, headerStatus);
  if (status !== '0' || message === undefined) throw new Error(`gRPC-web call failed with status ${status ?? 'none'}: ${details}`);
  return message;
}
