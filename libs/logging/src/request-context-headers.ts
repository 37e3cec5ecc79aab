import { randomUUID } from 'node:crypto';
import { currentRequestContext, type RequestContext } from './request-context';

/** The gRPC metadata keys (HTTP headers) that carry the request context between services. */
export const REQUEST_CONTEXT_HEADERS = {
  requestId: 'x-request-id',
  correlationId: 'x-correlation-id',
  traceparent: 'traceparent',
} as const;

// Ids come from callers: anything longer or stranger than an id is dropped, not logged.
const ID = /^[A-Za-z0-9._:-]{1,128}$/;
const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;

interface MetadataLike {
  get(key: string): ReadonlyArray<string | Buffer>;
}

/**
 * Reads the request context from gRPC metadata: `x-request-id` (a new UUID when absent, so that a
 * service's lines still group), `x-correlation-id`, and the trace id of a W3C `traceparent`.
 */
export function requestContextFromGrpcMetadata(metadata: unknown): RequestContext {
  const first = (key: string) => {
    const value = isMetadata(metadata) ? metadata.get(key)[0] : undefined;
    return typeof value === 'string' ? value : undefined;
  };
  const requestId = first(REQUEST_CONTEXT_HEADERS.requestId);
  const correlationId = first(REQUEST_CONTEXT_HEADERS.correlationId);
  const traceId = TRACEPARENT.exec(first(REQUEST_CONTEXT_HEADERS.traceparent) ?? '')?.[1];
  return {
    requestId: requestId !== undefined && ID.test(requestId) ? requestId : randomUUID(),
    ...(correlationId !== undefined && ID.test(correlationId) ? { correlationId } : {}),
    ...(traceId !== undefined ? { traceId } : {}),
  };
}

/** The headers that pass the current request and correlation ids on to a gRPC call or a message. */
export function requestContextHeaders(): Record<string, string> {
  const { requestId, correlationId } = currentRequestContext();
  return {
    ...(requestId !== undefined ? { [REQUEST_CONTEXT_HEADERS.requestId]: requestId } : {}),
    ...(correlationId !== undefined ? { [REQUEST_CONTEXT_HEADERS.correlationId]: correlationId } : {}),
  };
}

function isMetadata(value: unknown): value is MetadataLike {
  return typeof (value as Partial<MetadataLike> | null)?.get === 'function';
}
