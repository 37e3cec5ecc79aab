import { status } from '@grpc/grpc-js';
import { createMetricsRegistry } from './create-metrics-registry';
import { RpcMetrics } from './rpc-metrics';

describe('RpcMetrics', () => {
  const fresh = () => {
    const registry = createMetricsRegistry({ processMetrics: false });
    return { registry, rpcMetrics: new RpcMetrics(registry, { prefix: 'frm_test', rpcs: ['frm.v1.S/Get'] }) };
  };

  it('records latency and calls by RPC and gRPC code name', async () => {
    const { registry, rpcMetrics } = fresh();
    rpcMetrics.observe('frm.v1.S/Get', status.OK, 0.02);
    rpcMetrics.observe('frm.v1.S/Get', status.NOT_FOUND, 0.003);
    const text = await registry.metrics();
    expect(text).toContain('frm_test_rpc_duration_seconds_bucket{le="0.025",rpc="frm.v1.S/Get",code="OK"} 1');
    expect(text).toContain('frm_test_rpc_duration_seconds_count{rpc="frm.v1.S/Get",code="NOT_FOUND"} 1');
    expect(text).toContain('frm_test_rpc_calls_total{rpc="frm.v1.S/Get",code="OK"} 1');
  });

  it('keeps labels bounded: unknown method paths share one label, unknown codes are UNKNOWN', async () => {
    const { registry, rpcMetrics } = fresh();
    for (let index = 0; index < 50; index++) rpcMetrics.observe(`/random/${index}`, 99, 0.001);
    const text = await registry.metrics();
    expect(text).toContain('frm_test_rpc_calls_total{rpc="unknown",code="UNKNOWN"} 50');
    expect(text).not.toContain('/random/');
  });

  it('times a call from start to status', async () => {
    const { registry, rpcMetrics } = fresh();
    const end = rpcMetrics.startCall('frm.v1.S/Get');
    end(status.UNAVAILABLE);
    expect(await registry.metrics()).toContain('frm_test_rpc_calls_total{rpc="frm.v1.S/Get",code="UNAVAILABLE"} 1');
  });
});
