import { Controller, Module } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { status } from '@grpc/grpc-js';
import { createLogger } from '@frm/logging';
import { startGrpcService, type RunningGrpcService } from '../src';
import { checkHealth } from './support/health-client';

@Controller()
class FeatureRequestEcho {
  @GrpcMethod('IntakeService', 'GetFeatureRequest')
  get(request: { featureRequestId: string }) {
    return { id: request.featureRequestId };
  }
}

@Module({ controllers: [FeatureRequestEcho] })
class EchoModule {}

describe('the gRPC health service of a started service', () => {
  let databaseAnswers = true;
  let service: RunningGrpcService;

  beforeAll(async () => {
    service = await startGrpcService({
      service: 'testing',
      host: '127.0.0.1',
      port: 0,
      portSetting: 'FRM_TESTING_GRPC_PORT',
      logger: createLogger({ service: 'testing', level: 'silent' }),
      module: { module: EchoModule },
      readinessProbe: async () => {
        if (!databaseAnswers) throw new Error('the database does not answer');
      },
    });
  });

  afterAll(() => service?.close());

  it('answers SERVING for the server and for the gRPC services it has handlers for', async () => {
    expect(await checkHealth(service.address, '')).toBe('SERVING');
    expect(await checkHealth(service.address, 'frm.v1.IntakeService')).toBe('SERVING');
  });

  it('answers NOT_FOUND for a service of the package it has no handlers for', async () => {
    expect(await checkHealth(service.address, 'frm.v1.VotingService')).toMatchObject({ code: status.NOT_FOUND });
  });

  it('answers NOT_SERVING while the readiness probe fails', async () => {
    databaseAnswers = false;
    try {
      expect(await checkHealth(service.address, 'frm.v1.IntakeService')).toBe('NOT_SERVING');
    } finally {
      databaseAnswers = true;
    }
    expect(await checkHealth(service.address, 'frm.v1.IntakeService')).toBe('SERVING');
  });
});
