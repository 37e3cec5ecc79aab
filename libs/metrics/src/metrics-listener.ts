import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import { MetricsPortUnavailableError } from './metrics-port-unavailable.error';

export interface MetricsListenerOptions {
  readonly registry: Registry;
  /** For messages: "compliance". */
  readonly service: string;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** The setting that moves the port, named when it is taken (e.g. FRM_COMPLIANCE_METRICS_PORT). */
  readonly portSetting: string;
  /** Told when a scrape fails; the scraper gets a 500. */
  readonly onScrapeError?: (error: unknown) => void;
}

export interface RunningMetricsListener {
  /** `host:port` it listens on. */
  readonly address: string;
  readonly port: number;
  close(): Promise<void>;
}

// Scrapes must see the state now, never a cached answer.
const NOT_CACHED = { 'cache-control': 'no-store' };

/**
 * `GET /metrics` in Prometheus text on a port of its own, for a service whose own port speaks only
 * gRPC. Nothing else is served there.
 */
export async function startMetricsListener(options: MetricsListenerOptions): Promise<RunningMetricsListener> {
  const server = createServer((req, res) => {
    answer(options, req, res).catch((error: unknown) => {
      options.onScrapeError?.(error);
      if (res.headersSent) res.destroy();
      else respondText(res, 500, `the ${options.service} metrics could not be collected; see its log`);
    });
  });
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(new MetricsPortUnavailableError(options.service, `${host}:${options.port}`, options.portSetting, error)));
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    address: `${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A scraper keeps its connection open between scrapes.
        server.closeAllConnections();
      }),
  };
}

async function answer(options: MetricsListenerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?', 1)[0];
  if (path !== '/metrics') return respondText(res, 404, 'not found: this port serves GET /metrics only');
  if (req.method !== 'GET' && req.method !== 'HEAD') return respondText(res, 405, 'method not allowed: GET /metrics', { allow: 'GET, HEAD' });
  const text = await options.registry.metrics();
  res.writeHead(200, { ...NOT_CACHED, 'content-type': options.registry.contentType });
  res.end(req.method === 'HEAD' ? undefined : text);
}

function respondText(res: ServerResponse, statusCode: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(statusCode, { ...NOT_CACHED, ...headers, 'content-type': 'text/plain; charset=utf-8' });
  res.end(`${text}\n`);
}
