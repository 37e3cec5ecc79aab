import { Controller, Module } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { status } from '@grpc/grpc-js';
import { frmV1 } from '@frm/contracts';
import { NotFoundError } from '@frm/grpc-errors';
import { createLogger } from '@frm/logging';
import { createMetricsRegistry, type Registry } from '@frm/metrics';
import { ServiceTestClient } from '@frm/testing';
import { startGrpcService, type RunningGrpcService } from '../src';
import { checkHealth } from './support/health-client';

@Controller()
class FeatureRequestEcho {
  @GrpcMethod('IntakeService', 'GetFeatureRequest')
  get(request: { featureRequestId: string }) {
    if (request.featureRequestId === 'missing') throw new NotFoundError('feature request', request.featureRequestId);
    if (request.featureRequestId === 'broken') throw new Error('the handler failed');
    return { featureRequest: { id: request.featureRequestId } };
  }
}

@Module({ controllers: [FeatureRequestEcho] })
class EchoModule {}

describe('RPC metrics of a started service', () => {
  let service: RunningGrpcService;
  let registry: Registry;
  let client: ServiceTestClient<frmV1.IntakeServiceController, null>;

  beforeAll(async () => {
    registry = createMetricsRegistry({ processMetrics: false });
    service = await startGrpcService({
      service: 'testing',
      host: '127.0.0.1',
      port: 0,
      portSetting: 'FRM_TESTING_GRPC_PORT',
      logger: createLogger({ service: 'testing', level: 'silent' }),
      module: { module: EchoModule },
      metrics: registry,
    });
    client = new ServiceTestClient(service.address, frmV1.IntakeServiceService, frmV1, () => ({}));
  });

  afterAll(async () => {
    (client as unknown as { client: { close(): void } }).client.close();
    await service?.close();
  });

  it('times and counts every call by RPC and the code the client received, and leaves health checks out', async () => {
    await client.call('getFeatureRequest', { featureRequestId: 'a' }, null);
    await client.call('getFeatureRequest', { featureRequestId: 'b' }, null);
    expect((await client.failure('getFeatureRequest', { featureRequestId: 'missing' }, null)).code).toBe(status.NOT_FOUND);
    expect((await client.failure('getFeatureRequest', { featureRequestId: 'broken' }, null)).code).toBe(status.INTERNAL);
    expect(await checkHealth(service.address, '')).toBe('SERVING');

    const calls = await registry.getSingleMetricAsString('frm_rpc_calls_total');
    const rpc = 'frm.v1.IntakeService/GetFeatureRequest';
    expect(calls).toContain(`frm_rpc_calls_total{rpc="${rpc}",code="OK"} 2`);
    expect(calls).toContain(`frm_rpc_calls_total{rpc="${rpc}",code="NOT_FOUND"} 1`);
    expect(calls).toContain(`frm_rpc_calls_total{rpc="${rpc}",code="INTERNAL"} 1`);
    expect(calls).not.toContain('grpc.health');
    const durations = await registry.getSingleMetricAsString('frm_rpc_duration_seconds');
    expect(durations).toContain(`frm_rpc_duration_seconds_count{rpc="${rpc}",code="OK"} 2`);
    expect(durations).toMatch(new RegExp(`frm_rpc_duration_seconds_bucket\\{le="10",rpc="${rpc.replace(/[./]/g, '\\$&')}",code="OK"\\} 2`));
  });
});

