import { Metadata } from '@grpc/grpc-js';
import { runWithRequestContext } from './request-context';
import { requestContextFromGrpcMetadata, requestContextHeaders } from './request-context-headers';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function metadataOf(entries: Record<string, string>): Metadata {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(entries)) metadata.set(key, value);
  return metadata;
}

describe('requestContextFromGrpcMetadata', () => {
  it('reads the request and correlation ids and the trace id of a traceparent', () => {
    const metadata = metadataOf({
      'x-request-id': 'req-42',
      'x-correlation-id': 'cmd-7',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    });

    expect(requestContextFromGrpcMetadata(metadata)).toEqual({
      requestId: 'req-42',
      correlationId: 'cmd-7',
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    });
  });

  it('makes up a request id when none (or no sane one) came, and drops odd values', () => {
    const context = requestContextFromGrpcMetadata(
      metadataOf({ 'x-request-id': 'x'.repeat(500), 'x-correlation-id': 'has spaces', traceparent: 'garbage' }),
    );

    expect(context.requestId).toMatch(UUID);
    expect(context).not.toHaveProperty('correlationId');
    expect(context).not.toHaveProperty('traceId');
    expect(requestContextFromGrpcMetadata(undefined).requestId).toMatch(UUID);
  });
});

describe('requestContextHeaders', () => {
  it('passes on the current ids, and nothing outside a context', () => {
    expect(requestContextHeaders()).toEqual({});
    runWithRequestContext({ requestId: 'req-1', correlationId: 'cor-1', traceId: 't' }, () => {
      expect(requestContextHeaders()).toEqual({ 'x-request-id': 'req-1', 'x-correlation-id': 'cor-1' });
    });
  });
});
