import { Agent, request } from 'node:http';
import { readGrpcWebResponse } from './grpc-web-response';

/**
 * A gRPC-web caller with as little of its own work as the protocol allows: binary frames over
 * HTTP/1.1 keep-alive, one socket per call in flight. The load generator shares the machine's two
 * cores with the gateway and the service, so a heavy client would be measured as gateway cost.
 */
export class LeanGrpcWebClient {
  private readonly agent: Agent;

  constructor(
    private readonly address: string,
    sockets: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets });
  }

  /** Calls `/package.Service/Method` with one encoded message; resolves with the encoded answer. */
  unary(path: string, message: Uint8Array, headers: Record<string, string>): Promise<Buffer> {
    const header = Buffer.alloc(5);
    header.writeUInt32BE(message.length, 1);
    const body = Buffer.concat([header, message]);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          agent: this.agent,
          host: this.address.slice(0, this.address.lastIndexOf(':')),
          port: Number(this.address.slice(this.address.lastIndexOf(':') + 1)),
          method: 'POST',
          path,
          headers: { ...headers, 'content-type': 'application/grpc-web+proto', 'x-grpc-web': '1', 'content-length': String(body.length) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            try {
              resolve(answerOf(Buffer.concat(chunks), res.headers['grpc-status']));
            } catch (error) {
              reject(error);
            }
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** The one message of a unary answer; throws with the status when the call failed. */
function answerOf(body: Buffer, headerStatus: string | string[] | undefined): Buffer {
  const { status, details, message } = readGrpcWebResponse(body, headerStatus);
  if (status !== '0' || message === undefined) throw new Error(`gRPC-web call failed with status ${status ?? 'none'}: ${details}`);
  return message;
}
