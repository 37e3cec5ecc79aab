import { Metadata } from '@grpc/grpc-js';
import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { defer, lastValueFrom, of } from 'rxjs';
import { currentRequestContext } from './request-context';
import { RequestContextInterceptor } from './request-context.interceptor';

describe('RequestContextInterceptor', () => {
  const handlerSeeingContext: CallHandler = { handle: () => defer(() => of(currentRequestContext())) };

  it('runs a gRPC handler inside the context of its metadata', async () => {
    const rpc = {
      getType: () => 'rpc',
      switchToRpc: () => ({ getContext: () => metadataWithRequestId('req-9') }),
    } as unknown as ExecutionContext;

    const seen = await lastValueFrom(new RequestContextInterceptor().intercept(rpc, handlerSeeingContext));

    expect(seen).toMatchObject({ requestId: 'req-9' });
  });

  it('leaves other transports alone', async () => {
    const http = { getType: () => 'http' } as unknown as ExecutionContext;

    expect(await lastValueFrom(new RequestContextInterceptor().intercept(http, handlerSeeingContext))).toEqual({});
  });
});

function metadataWithRequestId(requestId: string): Metadata {
  const metadata = new Metadata();
  metadata.set('x-request-id', requestId);
  return metadata;
}
