import 'reflect-metadata';
import { createServer, type AddressInfo } from 'node:net';
import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { credentials, makeGenericClientConstructor, type ServiceError } from '@grpc/grpc-js';
import { FRM_V1_PACKAGE, FRM_V1_PROTO_FILES, PROTO_LOADER_OPTIONS, frmV1 } from '../src';

// The whole path a request takes in production: a client on ts-proto's grpc-js definition, NestJS
// decoding with proto-loader and PROTO_LOADER_OPTIONS, a controller typed by ts-proto's interface.

const featureRequest = frmV1.FeatureRequest.create({
  id: 'a4d2c7e0-1b8f-4c3e-9d6a-5e7f8a9b0c1d',
  title: 'Seating plan export',
  category: 'guest-management',
  tags: ['seating', 'export'],
  status: frmV1.FeatureRequestStatus.FEATURE_REQUEST_STATUS_PLANNED,
  authorId: 'c0ffee00-0000-4000-8000-000000000001',
  weddingContext: { supplierType: 'venue', weddingDate: '2026-06-20' },
  // Above 2^53: survives only as an int64 string.
  voteCount: '9007199254740993',
  weightedVoteCount: 12.5,
  createTime: { seconds: '1781965800', nanos: 123456789 },
});

const received: unknown[] = [];

@Controller()
@frmV1.IntakeServiceControllerMethods()
class IntakeController implements frmV1.IntakeServiceController {
  editFeatureRequest(request: frmV1.EditFeatureRequestRequest) {
    received.push(request);
    return featureRequest;
  }
  listFeatureRequests(request: frmV1.ListFeatureRequestsRequest) {
    received.push(request);
    return { featureRequests: [featureRequest, frmV1.FeatureRequest.create()], nextPageToken: 'page-2' };
  }
  // The generated decorator registers every RPC, so each needs a method on the prototype.
  submitFeatureRequest(): never {
    throw new Error('not used in this test');
  }
  addComment(): never {
    throw new Error('not used in this test');
  }
  listComments(): never {
    throw new Error('not used in this test');
  }
  changeStatus(): never {
    throw new Error('not used in this test');
  }
  mergeFeatureRequest(): never {
    throw new Error('not used in this test');
  }
  unmergeFeatureRequest(): never {
    throw new Error('not used in this test');
  }
  getFeatureRequest(): never {
    throw new Error('not used in this test');
  }
  listStatusHistory(): never {
    throw new Error('not used in this test');
  }
}

@Module({ controllers: [IntakeController] })
class IntakeModule {}

type Call<Request, Response> = (
  request: Request,
  callback: (error: ServiceError | null, response?: Response) => void,
) => void;

interface IntakeClient {
  editFeatureRequest: Call<frmV1.EditFeatureRequestRequest, frmV1.FeatureRequest>;
  listFeatureRequests: Call<frmV1.ListFeatureRequestsRequest, frmV1.ListFeatureRequestsResponse>;
  close(): void;
}

function call<Request, Response>(method: Call<Request, Response>, request: Request): Promise<Response> {
  return new Promise((resolve, reject) =>
    method(request, (error, response) => (error ? reject(error) : resolve(response as Response))),
  );
}

describe('NestJS gRPC with the generated contracts', () => {
  let app: INestMicroservice;
  let client: IntakeClient;

  beforeAll(async () => {
    const url = `127.0.0.1:${await freePort()}`;
    app = await NestFactory.createMicroservice<MicroserviceOptions>(IntakeModule, {
      transport: Transport.GRPC,
      logger: false,
      options: { package: FRM_V1_PACKAGE, protoPath: [...FRM_V1_PROTO_FILES], loader: PROTO_LOADER_OPTIONS, url },
    });
    await app.listen();
    const IntakeClient = makeGenericClientConstructor(frmV1.IntakeServiceService, 'IntakeService');
    client = new IntakeClient(url, credentials.createInsecure()) as unknown as IntakeClient;
  });

  afterAll(async () => {
    client?.close();
    await app?.close();
  });

  beforeEach(() => {
    received.length = 0;
  });

  it('hands the controller exactly the ts-proto object: unset optional absent, unset message null', async () => {
    const request = frmV1.EditFeatureRequestRequest.create({
      requestId: 'r-1',
      featureRequestId: featureRequest.id,
      title: 'Seating plan export (PDF)',
    });

    const response = await call(client.editFeatureRequest.bind(client), request);

    expect(received).toStrictEqual([
      { requestId: 'r-1', featureRequestId: featureRequest.id, title: 'Seating plan export (PDF)', tags: null },
    ]);
    expect(response).toStrictEqual(featureRequest);
  });

  it('carries enums, repeated fields, int64 and defaults both ways', async () => {
    const request = frmV1.ListFeatureRequestsRequest.create({
      pageSize: 20,
      statuses: [frmV1.FeatureRequestStatus.FEATURE_REQUEST_STATUS_PLANNED],
      sort: frmV1.FeatureRequestSort.FEATURE_REQUEST_SORT_TRENDING,
    });

    const response = await call(client.listFeatureRequests.bind(client), request);

    expect(received).toStrictEqual([request]);
    expect(response).toStrictEqual({
      featureRequests: [featureRequest, frmV1.FeatureRequest.create()],
      nextPageToken: 'page-2',
    });
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
