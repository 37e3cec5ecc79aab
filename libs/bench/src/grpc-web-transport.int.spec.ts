import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GrpcWebTransport, GrpcWebTransportError } from './grpc-web-transport';
import { LeanGrpcWebClient } from './lean-grpc-web-client';

/** A gRPC-web answer: the message frame, then the trailer frame with its status. */
function grpcWebAnswer(message: Buffer, status: number, details = ''): Buffer {
  const frame = (flag: number, payload: Buffer) => {
    const header = Buffer.alloc(5);
    header[0] = flag;
    header.writeUInt32BE(payload.length, 1);
    return Buffer.concat([header, payload]);
  };
  const trailers = Buffer.from(`grpc-status: ${status}\r\ngrpc-message: ${details}\r\n`);
  return Buffer.concat([frame(0, message), frame(0x80, trailers)]);
}

describe('GrpcWebTransport over a real HTTP server', () => {
  let server: Server;
  let address: string;
  const seen: { path: string; headers: IncomingHttpHeaders; body: Buffer }[] = [];
  let behaviour: 'answer' | 'fail' | 'hang' | 'reset' = 'answer';

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks);
        seen.push({ path: request.url ?? '', headers: request.headers, body });
        if (behaviour === 'hang') return;
        if (behaviour === 'reset') {
          request.socket.destroy();
          return;
        }
        response.writeHead(200, { 'content-type': 'application/grpc-web+proto' });
        response.end(behaviour === 'answer' ? grpcWebAnswer(Buffer.from(body.subarray(5)).reverse(), 0) : grpcWebAnswer(Buffer.alloc(0), 5, 'no such request'));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    seen.length = 0;
    behaviour = 'answer';
  });

  it('frames the message, sends the gRPC-web headers and returns the whole answer', async () => {
    const transport = new GrpcWebTransport(address, 4);
    const exchange = await transport.post('/frm.v1.IntakeService/GetFeatureRequest', Buffer.from([1, 2, 3]), { authorization: 'Bearer t' });
    await transport.close();
    expect(seen[0]).toMatchObject({ path: '/frm.v1.IntakeService/GetFeatureRequest', body: Buffer.from([0, 0, 0, 0, 3, 1, 2, 3]) });
    expect(seen[0]?.headers).toMatchObject({ authorization: 'Bearer t', 'content-type': 'application/grpc-web+proto', 'x-grpc-web': '1' });
    expect(exchange.statusCode).toBe(200);
    expect(exchange.body.subarray(0, 8)).toEqual(Buffer.from([0, 0, 0, 0, 3, 3, 2, 1]));
  });

  it('names a timeout and a reset connection by their codes', async () => {
    const transport = new GrpcWebTransport(address, 4);
    behaviour = 'hang';
    await expect(transport.post('/p.S/M', Buffer.alloc(1), {}, 200)).rejects.toMatchObject({ code: 'TIMEOUT' });
    behaviour = 'reset';
    const reset = await transport.post('/p.S/M', Buffer.alloc(1), {}, 5_000).catch((error: unknown) => error);
    await transport.close();
    expect(reset).toBeInstanceOf(GrpcWebTransportError);
    expect((reset as GrpcWebTransportError).code).toMatch(/^(ECONNRESET|UND_ERR_SOCKET)$/);
  });

  it('gives the lean client the answer message, and the status when the call failed', async () => {
    const client = new LeanGrpcWebClient(address, 2);
    await expect(client.unary('/p.S/M', Buffer.from([7, 8]), {})).resolves.toEqual(Buffer.from([8, 7]));
    behaviour = 'fail';
    await expect(client.unary('/p.S/M', Buffer.from([7, 8]), {})).rejects.toThrow('status 5: no such request');
    await client.close();
  });
});
