import { Agent, request } from 'node:http';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { readGrpcWebResponse } from '@frm/bench';

/** What became of one call: a gRPC status name (`OK`, `UNAVAILABLE`…), or `TRANSPORT:<errno>` when no answer came. */
export interface CallResult {
  readonly code: string;
  readonly details: string;
  /** The answer's one message, for OK. */
  readonly message?: Buffer;
}

/**
 * A gRPC-web client as lean as LeanGrpcWebClient (binary frames over keep-alive HTTP/1.1, so the
 * load generator costs the two cores little), that resolves with the call's status instead of
 * throwing: the figures are counted by code. A call with no answer after `timeoutMs` is
 * `CLIENT_TIMEOUT`.
 */
export class GrpcWebCaller {
  /** The first answer of each failing code and method (`INTERNAL IntakeService/SubmitFeatureRequest` → its message), for the report. */
  readonly errorSamples = new Map<string, string>();
  private readonly agent: Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(
    address: string,
    sockets: number,
    private readonly timeoutMs = 15_000,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets });
    this.host = address.slice(0, address.lastIndexOf(':'));
    this.port = Number(address.slice(address.lastIndexOf(':') + 1));
  }

  /** Calls `/package.Service/Method` with one encoded message. */
  unary(path: string, message: Uint8Array, headers: Record<string, string>): Promise<CallResult> {
    const header = Buffer.alloc(5);
    header.writeUInt32BE(message.length, 1);
    const body = Buffer.concat([header, message]);
    return new Promise((resolve) => {
      let settled = false;
      const settle = (result: CallResult) => {
        if (settled) return;
        settled = true;
        if (result.code !== 'OK') this.sample(result, path);
        resolve(result);
      };
      const req = request(
        {
          agent: this.agent,
          host: this.host,
          port: this.port,
          method: 'POST',
          path,
          headers: { ...headers, 'content-type': 'application/grpc-web+proto', 'x-grpc-web': '1', 'content-length': String(body.length) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => settle(resultOf(Buffer.concat(chunks), res.statusCode ?? 0, res.headers['grpc-status'], res.headers['grpc-message'])));
          res.on('error', (error: NodeJS.ErrnoException) => settle({ code: `TRANSPORT:${error.code ?? error.message}`, details: error.message }));
        },
      );
      req.setTimeout(this.timeoutMs, () => {
        settle({ code: 'CLIENT_TIMEOUT', details: `no answer within ${this.timeoutMs} ms` });
        req.destroy();
      });
      req.on('error', (error: NodeJS.ErrnoException) => settle({ code: `TRANSPORT:${error.code ?? error.message}`, details: error.message }));
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }

  private sample(result: CallResult, path: string): void {
    const key = `${result.code} ${path.slice(path.indexOf('.v1.') + 4)}`;
    if (!this.errorSamples.has(key) && this.errorSamples.size < 200) this.errorSamples.set(key, result.details.replace(/\s+/g, ' ').slice(0, 240));
  }
}

/** The status name of a numeric gRPC code. */
export function codeName(code: number): string {
  return GrpcStatus[code] ?? `CODE_${code}`;
}

function resultOf(body: Buffer, httpStatus: number, headerStatus: string | string[] | undefined, headerMessage: string | string[] | undefined): CallResult {
  const { status, details, message } = readGrpcWebResponse(body, headerStatus, headerMessage);
  if (status === undefined) return { code: `HTTP_${httpStatus}`, details: body.toString('utf8').slice(0, 200) };
  const code = codeName(Number(status));
  if (code === 'OK' && message === undefined) return { code: 'OK', details, message: Buffer.alloc(0) };
  return { code, details, ...(message ? { message } : {}) };
}
