import { REQUEST_CONTEXT_HEADERS } from '@frm/logging';

/**
 * The client headers passed on upstream, besides the caller metadata the gateway sets itself. A list
 * of what is allowed rather than of what is not: the gateway is the trust boundary, and a header a
 * service might believe (`x-frm-*`, `authorization`, cookies) must not slip through by being new.
 */
export const FORWARDED_REQUEST_HEADERS: readonly string[] = [
  REQUEST_CONTEXT_HEADERS.correlationId,
  REQUEST_CONTEXT_HEADERS.traceparent,
  'tracestate',
];

/** Response metadata from a service that must not be copied into the gateway's own response headers. */
export const UNFORWARDED_RESPONSE_HEADERS: ReadonlySet<string> = new Set([
  'content-type',
  'content-length',
  'grpc-encoding',
  'grpc-accept-encoding',
  'grpc-status',
  'grpc-message',
  'date',
  'connection',
  'transfer-encoding',
  'te',
  'trailer',
]);
