import type { ServerResponse } from 'node:http';
import type { Metadata } from '@grpc/grpc-js';
import { UNFORWARDED_RESPONSE_HEADERS } from '../forwarding/forwarded-headers';
import { encodeFrame } from '../protocol/grpc-frame';
import { responseContentType, type GrpcProtocol } from '../protocol/grpc-protocol';
import { encodeGrpcMessage } from '../protocol/grpc-status-text';
import { encodeGrpcWebText } from '../protocol/grpc-web-text';
import { encodeTrailerFrame } from '../protocol/grpc-web-trailers';
import type { HttpResponse } from './http-exchange';

type HeaderValues = Record<string, string | string[]>;

/**
 * Writes one gRPC response in the client's protocol: headers once, message frames, then the status.
 * Plain gRPC ends with HTTP/2 trailers; gRPC-web with a trailer frame in the body, because browsers
 * cannot read trailers. Everything after the status is ignored, so any path may finish safely.
 */
export class GrpcResponder {
  private headersSent = false;
  private finishedAt: number | undefined;

  constructor(
    private readonly res: HttpResponse,
    private readonly protocol: GrpcProtocol,
    private readonly gatewayHeaders: Readonly<Record<string, string>>,
  ) {}

  get finished(): boolean {
    return this.finishedAt !== undefined;
  }

  sendHeaders(metadata?: Metadata): void {
    if (this.headersSent || this.finished) return;
    this.headersSent = true;
    (this.res as ServerResponse).writeHead(200, {
      ...(metadata ? forwardable(metadata) : {}),
      ...this.gatewayHeaders,
      'content-type': responseContentType(this.protocol),
    });
  }

  sendMessage(payload: Buffer): void {
    if (this.finished) return;
    this.sendHeaders();
    this.write(encodeFrame(payload));
  }

  finish(code: number, details: string, trailing?: Metadata): void {
    if (this.finished) return;
    this.sendHeaders();
    this.finishedAt = Date.now();
    const trailers: HeaderValues = { 'grpc-status': String(code), 'grpc-message': encodeGrpcMessage(details), ...(trailing ? forwardable(trailing) : {}) };
    if (this.protocol === 'grpc') {
      this.res.addTrailers(trailers);
      this.res.end();
    } else {
      this.write(encodeTrailerFrame(trailers));
      this.res.end();
    }
  }

  private write(bytes: Buffer): void {
    (this.res as ServerResponse).write(this.protocol === 'grpc-web-text' ? encodeGrpcWebText(bytes) : bytes);
  }
}

function forwardable(metadata: Metadata): HeaderValues {
  const headers: HeaderValues = {};
  for (const [name, value] of Object.entries(metadata.toHttp2Headers())) {
    if (UNFORWARDED_RESPONSE_HEADERS.has(name) || name.startsWith(':') || value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return headers;
}
