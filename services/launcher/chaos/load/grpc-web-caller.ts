import { status as GrpcStatus } from '@grpc/grpc-js';
import { GrpcWebTransport, GrpcWebTransportError, readGrpcWebResponse } from '@frm/bench';

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
  private readonly transport: GrpcWebTransport;

  constructor(
    address: string,
    sockets: number,
    private readonly timeoutMs = 15_000,
  ) {
    this.transport = new GrpcWebTransport(address, sockets);
  }

  /** Calls `/package.Service/Method` with one encoded message. */
  async unary(path: string, message: Uint8Array, headers: Record<string, string>): Promise<CallResult> {
    let result: CallResult;
    try {
      const exchange = await this.transport.post(path, message, headers, this.timeoutMs);
      result = resultOf(exchange.body, exchange.statusCode, exchange.headers['grpc-status'], exchange.headers['grpc-message']);
    } catch (error) {
      const failure = error instanceof GrpcWebTransportError ? error : new GrpcWebTransportError('UNKNOWN', String(error));
      result = failure.code === 'TIMEOUT' ? { code: 'CLIENT_TIMEOUT', details: failure.message } : { code: `TRANSPORT:${failure.code}`, details: failure.message };
    }
    if (result.code !== 'OK') this.sample(result, path);
    return result;
  }

  close(): Promise<void> {
    return this.transport.close();
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
