import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';

/** A request as Node's HTTP/1.1 server and its HTTP/2 compatibility API both give it. */
export type HttpRequest = IncomingMessage | Http2ServerRequest;
/** A response of either server; both have `writeHead`, `write`, `addTrailers` and `end`. */
export type HttpResponse = ServerResponse | Http2ServerResponse;

/** The first value of a request header, or `undefined`. */
export function headerOf(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Answers with a short plain-text body: for requests that are not gRPC calls at all. */
export function respondPlainText(res: HttpResponse, statusCode: number, text: string, headers: Record<string, string> = {}): void {
  (res as ServerResponse).writeHead(statusCode, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
  res.end(`${text}\n`);
}
