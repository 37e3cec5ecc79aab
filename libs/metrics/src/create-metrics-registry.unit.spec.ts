import { Counter } from 'prom-client';
import { createMetricsRegistry } from './create-metrics-registry';

describe('createMetricsRegistry', () => {
  it('exposes the process metrics in Prometheus text, with the default labels', async () => {
    const registry = createMetricsRegistry({ defaultLabels: { service: 'testing' } });
    const text = await registry.metrics();
    expect(registry.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toMatch(/^process_cpu_user_seconds_total\{service="testing"\} /m);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('keeps each registry to itself: the same metric name in two registries does not clash', async () => {
    const [first, second] = [createMetricsRegistry({ processMetrics: false }), createMetricsRegistry({ processMetrics: false })];
    new Counter({ name: 'frm_test_things_total', help: 'things', registers: [first] }).inc(2);
    new Counter({ name: 'frm_test_things_total', help: 'things', registers: [second] });
    expect(await first.metrics()).toContain('frm_test_things_total 2');
    expect(await second.metrics()).toContain('frm_test_things_total 0');
  });
});
