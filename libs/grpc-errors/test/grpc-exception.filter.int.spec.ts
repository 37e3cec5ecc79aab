import { credentials, loadPackageDefinition, Metadata, Server, ServerCredentials, status, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GrpcMethod, ServerGrpc, type GrpcMethodStreamingType } from '@nestjs/microservices';
import { createLogger, NestPinoLogger, requestContextFromGrpcMetadata, runWithRequestContext } from '@frm/logging';
import { join } from 'node:path';
import {
  AbortedError,
  GrpcExceptionFilter,
  InvalidArgumentError,
  INTERNAL_ERROR_MESSAGE,
  NotFoundError,
  PermissionDeniedError,
  ResourceExhaustedError,
} from '../src';

const PROTO = join(__dirname, 'errors-probe.proto');
const INTERNAL_DETAIL = 'relation "votes" does not exist on 10.0.0.5';

const failures: Record<string, () => unknown> = {
  invalid: () => {
    throw new InvalidArgumentError('title', 'must be 1 to 140 characters', 153);
  },
  notFound: () => Promise.reject(new NotFoundError('feature request', 'fr-404')),
  aborted: () => {
    throw new AbortedError();
  },
  denied: () => {
    throw new PermissionDeniedError('changing the status needs the product-team role');
  },
  limited: () => {
    throw new ResourceExhaustedError(42);
  },
  revision: () => {
    throw Object.assign(new Error('Stream feature-request-1 was expected at 3 but is at 4'), { name: 'WrongExpectedRevisionError' });
  },
  internal: () => Promise.reject(new Error(INTERNAL_DETAIL)),
};

@Controller()
class ErrorsProbeController {
  @GrpcMethod('ErrorsProbe', 'Fail')
  fail({ kind }: { kind: string }): unknown {
    return failures[kind]?.() ?? { kind };
  }
}

@Module({ controllers: [ErrorsProbeController] })
class ErrorsProbeModule {}

/**
 * Nest's gRPC server, bound to port 0 so that parallel runs never collide; keeps the port it got.
 * Runs each call in the request context of its metadata, as the services' server does.
 */
class EphemeralPortGrpcServer extends ServerGrpc {
  port = 0;

  override createServiceMethod(methodHandler: (...args: unknown[]) => unknown, protoNativeHandler: unknown, streamType: GrpcMethodStreamingType) {
    const serve = super.createServiceMethod(methodHandler, protoNativeHandler, streamType) as (call: { metadata: Metadata }, ...rest: unknown[]) => unknown;
    return (call: { metadata: Metadata }, ...rest: unknown[]) => runWithRequestContext(requestContextFromGrpcMetadata(call.metadata), () => serve(call, ...rest));
  }

  override async createClient(): Promise<Server> {
    const server = new Server();
    this.port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port))),
    );
    return server;
  }
}

type FailCall = (request: { kind: string }, metadata: Metadata, callback: (error: ServiceError | null, reply?: unknown) => void) => void;

describe('GrpcExceptionFilter in a NestJS gRPC microservice', () => {
  const logLines: string[] = [];
  const logger = createLogger({ service: 'errors-probe', level: 'debug', destination: { write: (line) => logLines.push(line) } });
  let app: INestMicroservice;
  let client: { Fail: FailCall; close(): void };

  beforeAll(async () => {
    const server = new EphemeralPortGrpcServer({ package: 'frm.test.errors.v1', protoPath: PROTO });
    app = await NestFactory.createMicroservice(ErrorsProbeModule, { strategy: server, logger: new NestPinoLogger(logger) });
    app.useGlobalFilters(new GrpcExceptionFilter(logger));
    await app.listen();

    const definition = loadPackageDefinition(loadSync(PROTO)) as unknown as {
      frm: { test: { errors: { v1: { ErrorsProbe: new (address: string, creds: unknown) => typeof client } } } };
    };
    client = new definition.frm.test.errors.v1.ErrorsProbe(`127.0.0.1:${server.port}`, credentials.createInsecure());
  });

  afterAll(async () => {
    client?.close();
    await app?.close();
  });

  function call(kind: string, requestId = `req-${kind}`): Promise<ServiceError> {
    const metadata = new Metadata();
    metadata.set('x-request-id', requestId);
    return new Promise((resolve, reject) =>
      client.Fail({ kind }, metadata, (error) => (error ? resolve(error) : reject(new Error(`${kind} did not fail`)))),
    );
  }

  it.each([
    ['invalid', status.INVALID_ARGUMENT, 'title: must be 1 to 140 characters, got 153'],
    ['notFound', status.NOT_FOUND, 'feature request fr-404 was not found'],
    ['aborted', status.ABORTED, 'the request changed meanwhile; reload and try again'],
    ['denied', status.PERMISSION_DENIED, 'changing the status needs the product-team role'],
    ['limited', status.RESOURCE_EXHAUSTED, 'too many requests; try again in 42 s'],
    ['revision', status.ABORTED, 'the request changed meanwhile; reload and try again'],
  ])('a thrown %s reaches the client with its code and message', async (kind, code, details) => {
    const error = await call(kind);

    expect({ code: error.code, details: error.details }).toEqual({ code, details });
  });

  it('sends the refused field and the retry delay as trailers', async () => {
    expect((await call('invalid')).metadata.get('frm-field')).toEqual(['title']);
    expect((await call('limited')).metadata.get('retry-after')).toEqual(['42']);
  });

  it('answers an unknown error with INTERNAL and a generic message, and logs the whole error with the request id', async () => {
    const error = await call('internal', 'req-internal-7');

    expect({ code: error.code, details: error.details }).toEqual({ code: status.INTERNAL, details: INTERNAL_ERROR_MESSAGE });
    expect(JSON.stringify(error.metadata.toJSON())).not.toContain('votes');
    const logged = logLines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line['msg'] === 'gRPC call failed');
    expect(logged).toMatchObject({
      level: 'error',
      requestId: 'req-internal-7',
      rpc: '/frm.test.errors.v1.ErrorsProbe/Fail',
      grpcStatus: 'INTERNAL',
      err: { message: INTERNAL_DETAIL },
    });
    expect((logged?.['err'] as { stack?: string }).stack).toContain('grpc-exception.filter.int.spec.ts');
  });

  it('still answers normally when nothing is thrown', async () => {
    const reply = await new Promise((resolve, reject) =>
      client.Fail({ kind: 'fine' }, new Metadata(), (error, value) => (error ? reject(error) : resolve(value))),
    );

    expect(reply).toEqual({ kind: 'fine' });
  });
});
