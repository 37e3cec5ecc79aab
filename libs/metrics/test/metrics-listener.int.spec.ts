import { Agent, request } from 'node:http';
import { Gauge } from 'prom-client';
import { createMetricsRegistry, MetricsPortUnavailableError, startMetricsListener, type RunningMetricsListener } from '../src';

describe('startMetricsListener', () => {
  const registry = createMetricsRegistry({ processMetrics: false });
  new Gauge({ name: 'frm_test_answer', help: 'the answer', registers: [registry] }).set(42);
  let listener: RunningMetricsListener;

  beforeAll(async () => {
    listener = await startMetricsListener({ registry, service: 'testing', host: '127.0.0.1', port: 0, portSetting: 'FRM_TEST_METRICS_PORT' });
  });
  afterAll(() => listener.close());

  it('serves the registry in Prometheus text on GET /metrics, on the port the OS chose for 0', async () => {
    expect(listener.port).toBeGreaterThan(0);
    expect(listener.address).toBe(`127.0.0.1:${listener.port}`);
    const response = await fetch(`http://${listener.address}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(registry.contentType);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.text()).toContain('# TYPE frm_test_answer gauge\nfrm_test_answer 42\n');
  });

  it('serves nothing else', async () => {
    const other = await fetch(`http://${listener.address}/`);
    expect(other.status).toBe(404);
    expect(await other.text()).toBe('not found: this port serves GET /metrics only\n');
    const post = await fetch(`http://${listener.address}/metrics`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('names the setting to change when the port is taken', async () => {
    const attempt = startMetricsListener({ registry, service: 'testing', host: '127.0.0.1', port: listener.port, portSetting: 'FRM_TEST_METRICS_PORT' });
    await expect(attempt).rejects.toThrow(MetricsPortUnavailableError);
    await expect(attempt).rejects.toThrow(
      new RegExp(`^the testing metrics listener cannot listen on 127\\.0\\.0\\.1:${listener.port} \\(.*EADDRINUSE.*\\); .*set FRM_TEST_METRICS_PORT to a free port`),
    );
  });

  it('answers 500 and reports the error when a metric cannot be collected', async () => {
    const failing = createMetricsRegistry({ processMetrics: false });
    new Gauge({
      name: 'frm_test_broken',
      help: 'fails to collect',
      registers: [failing],
      collect() {
        throw new Error('the database is down');
      },
    });
    const errors: unknown[] = [];
    const broken = await startMetricsListener({ registry: failing, service: 'testing', host: '127.0.0.1', port: 0, portSetting: 'P', onScrapeError: (e) => errors.push(e) });
    try {
      const response = await fetch(`http://${broken.address}/metrics`);
      expect(response.status).toBe(500);
      expect(await response.text()).toBe('the testing metrics could not be collected; see its log\n');
      expect(errors).toEqual([new Error('the database is down')]);
    } finally {
      await broken.close();
    }
  });

  it('closes while a scraper holds its connection open', async () => {
    const held = await startMetricsListener({ registry, service: 'testing', host: '127.0.0.1', port: 0, portSetting: 'P' });
    const agent = new Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) =>
      request({ host: '127.0.0.1', port: held.port, path: '/metrics', agent }, (res) => res.resume().on('end', resolve)).on('error', reject).end(),
    );
    await held.close();
    agent.destroy();
    await expect(fetch(`http://${held.address}/metrics`)).rejects.toThrow();
  });
});
